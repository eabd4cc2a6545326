import { eq } from 'drizzle-orm';
import { envelopeTo, writeOrder850, writeToPartnerOutbox, type EdiOrder, type OwnInterchangeAddress } from '@procuregraph/connector-files';
import { partnerOf, recordOutboundDocument, type Database, type OrderDelivery, type Queryable } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { formatDecimal } from '@procuregraph/platform/money';
import { PermanentError } from '@procuregraph/platform/resilience';
import { purchaseOrders, type PurchaseOrderRow } from '../db/tables.ts';
import { orderContents } from '../order-contents.ts';

export interface OutboundEdiOptions {
  /** EDI_OUTBOX_DIR: each partner's documents go to its folder under it. */
  outbox: string;
  us: OwnInterchangeAddress;
}

async function ediOrderOf(db: Database, order: PurchaseOrderRow & { number: string }): Promise<EdiOrder> {
  const { lines, facility } = await orderContents(db, order);
  return {
    orderNumber: order.number,
    orderDate: order.orderDate,
    currency: order.currency,
    shipTo: facility?.name ?? null,
    lines: lines.map((line) => ({
      lineNumber: line.lineNumber,
      itemNumber: line.itemNumber,
      description: line.description,
      quantity: formatDecimal(line.quantity),
      unitOfMeasure: line.unitOfMeasure,
      unitPrice: formatDecimal(line.unitPrice),
    })),
  };
}

/**
 * How the order reaches its supplier: on the portal only, unless the supplier is a partner whose
 * profile says it receives 850s; then by EDI besides the portal, or instead of it (EDI_ONLY).
 */
export async function orderDeliveryOf(db: Queryable, orderId: string): Promise<OrderDelivery | 'PORTAL'> {
  const [order] = await db.select({ supplierId: purchaseOrders.supplierId }).from(purchaseOrders).where(eq(purchaseOrders.id, orderId));
  const partner = order ? await partnerOf(db, order.supplierId) : undefined;
  return partner?.outbound.includes('X12_850') ? partner.orderDelivery : 'PORTAL';
}

/**
 * The job behind `procurement.purchase_order.edi_order_requested`, raised beside an order's
 * publication (or instead of it, for an EDI_ONLY partner) for partners that receive 850s: the order is written to the partner's outbox folder
 * as an 850, once per order (a republication after a status change finds the 850 already recorded
 * and writes the same file).
 */
export function sendOrder850(db: Database, options: OutboundEdiOptions) {
  return async (job: JobContext): Promise<void> => {
    const [order] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, job.entityId));
    if (!order?.number) throw new PermanentError(`The order ${job.entityId} has no ERP number to send`);
    const partner = await partnerOf(db, order.supplierId);
    if (!partner?.outbound.includes('X12_850')) return;
    const ediOrder = await ediOrderOf(db, { ...order, number: order.number });
    const at = new Date();
    const sent = await recordOutboundDocument(db, {
      type: 'X12_850',
      supplierId: order.supplierId,
      carries: { purchaseOrderId: order.id },
      controlNumbered: true,
      at,
      write: (profile, controlNumber) => writeOrder850(envelopeTo(profile, options.us, controlNumber!, at), ediOrder),
    });
    // Content already purged by retention was delivered long ago.
    if (sent?.document.content)
      await writeToPartnerOutbox(
        options.outbox,
        sent.partner.interchangeId,
        `850-${sent.document.interchangeControlNumber}.x12`,
        sent.document.content,
      );
  };
}
