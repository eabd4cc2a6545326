import { and, eq, inArray } from 'drizzle-orm';
import { recordJourneyStep, type Transaction } from '@procuregraph/platform/db';
import { formatDecimal } from '@procuregraph/platform/money';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { orderDeliveryOf } from './edi/send-order-850.ts';
import {
  outbox,
  procurementSchema,
  purchaseOrders,
  type PurchaseOrderLineRow,
  type PurchaseOrderRow,
  type ReceiptLineRow,
  type ReceiptRow,
} from './db/tables.ts';

/**
 * Published for other subgraphs (invoicing projects orders and receipts from them). An order is
 * `issued` once the ERP has it and its number, whoever created it; a DRAFT is not announced.
 */
export const PURCHASE_ORDER_ISSUED = 'purchase_order.issued';
export const PURCHASE_ORDER_CHANGED = 'purchase_order.changed';
export const RECEIPT_RECORDED = 'receipt.recorded';
/** Procurement's own: a DRAFT order is to be created in the ERP. */
export const ERP_SUBMISSION_REQUESTED = 'procurement.purchase_order.erp_submission_requested';
/** Procurement's own: the order has its ERP number and belongs on the supplier's portal. */
export const PUBLICATION_REQUESTED = 'procurement.purchase_order.publication_requested';
/** Procurement's own: beside its publication, the order goes to a partner that receives 850s. */
export const EDI_ORDER_REQUESTED = 'procurement.purchase_order.edi_order_requested';

/** Consumed from the suppliers and contracts subgraphs. */
export const SUPPLIER_STATUS_CHANGED = 'supplier.status_changed';
export const SUPPLIER_ERP_LINKED = 'supplier.erp_linked';
/** A supplier in the ERP got its portal registration; the payload is `supplier.erp_linked`'s. */
export const SUPPLIER_PORTAL_ENROLLED = 'supplier.portal_enrolled';
export const CONTRACT_CHANGED = 'contract.changed';
/** An EDI 855 from the order's supplier passed invoicing's interchange checks. */
export const EDI_ORDER_ACKNOWLEDGED = 'edi.order_acknowledged';

export type PurchaseOrderEventPayload = {
  purchaseOrderId: string;
  number: string | null;
  supplierId: string;
  contractId: string | null;
  status: string;
  orderDate: string;
  currency: string;
  lines: { lineNumber: number; itemNumber: string; quantity: string; unitPrice: string }[];
};

export type ReceiptEventPayload = {
  receiptId: string;
  purchaseOrderId: string;
  receivedAt: string;
  lines: { lineNumber: number; quantityReceived: string }[];
};

type OrderLineValues = Pick<PurchaseOrderLineRow, 'lineNumber' | 'itemNumber' | 'quantity' | 'unitPrice'>;

export function purchaseOrderPayload(order: PurchaseOrderRow, lines: readonly OrderLineValues[]): PurchaseOrderEventPayload {
  return {
    purchaseOrderId: order.id,
    number: order.number,
    supplierId: order.supplierId,
    contractId: order.contractId,
    status: order.status,
    orderDate: order.orderDate,
    currency: order.currency,
    lines: lines.map((line) => ({
      lineNumber: line.lineNumber,
      itemNumber: line.itemNumber,
      quantity: formatDecimal(line.quantity),
      unitPrice: formatDecimal(line.unitPrice),
    })),
  };
}

export function receiptPayload(receipt: ReceiptRow, lines: readonly Omit<ReceiptLineRow, 'receiptId'>[]): ReceiptEventPayload {
  return {
    receiptId: receipt.id,
    purchaseOrderId: receipt.purchaseOrderId,
    receivedAt: receipt.receivedAt.toISOString(),
    lines: lines.map((line) => ({ lineNumber: line.lineNumber, quantityReceived: formatDecimal(line.quantityReceived) })),
  };
}

export async function emitOrderEvent(
  tx: Transaction,
  topic: typeof PURCHASE_ORDER_ISSUED | typeof PURCHASE_ORDER_CHANGED,
  order: PurchaseOrderRow,
  lines: readonly OrderLineValues[],
): Promise<void> {
  await appendToOutbox(tx, outbox, { topic, aggregateId: order.id, payload: purchaseOrderPayload(order, lines) });
}

export async function emitReceiptRecorded(
  tx: Transaction,
  receipt: ReceiptRow,
  lines: readonly Omit<ReceiptLineRow, 'receiptId'>[],
): Promise<void> {
  await appendToOutbox(tx, outbox, { topic: RECEIPT_RECORDED, aggregateId: receipt.id, payload: receiptPayload(receipt, lines) });
}

/**
 * An order for an EDI_ONLY partner is not put on the portal: its publication says so at once
 * (NOT_PUBLISHED, a journey step), rather than waiting PENDING for a publication that never comes.
 * One already on the portal (published before the profile changed) keeps its state.
 */
async function markNotPublished(tx: Transaction, orderId: string): Promise<void> {
  const [marked] = await tx
    .update(purchaseOrders)
    .set({ publicationState: 'NOT_PUBLISHED', updatedAt: new Date() })
    .where(and(eq(purchaseOrders.id, orderId), inArray(purchaseOrders.publicationState, ['PENDING', 'FAILED'])))
    .returning({ id: purchaseOrders.id });
  if (marked)
    await recordJourneyStep(tx, {
      entityId: orderId,
      service: procurementSchema.schemaName,
      system: 'PROCUREGRAPH',
      action: 'not published on the portal: the supplier takes orders by EDI only',
      outcome: 'SUCCEEDED',
    });
}

export async function requestPublication(tx: Transaction, orderId: string): Promise<void> {
  const delivery = await orderDeliveryOf(tx, orderId);
  if (delivery === 'EDI_ONLY') await markNotPublished(tx, orderId);
  else await appendToOutbox(tx, outbox, { topic: PUBLICATION_REQUESTED, aggregateId: orderId, payload: { purchaseOrderId: orderId } });
  if (delivery !== 'PORTAL')
    await appendToOutbox(tx, outbox, { topic: EDI_ORDER_REQUESTED, aggregateId: orderId, payload: { purchaseOrderId: orderId } });
}

export async function requestErpSubmission(tx: Transaction, orderId: string): Promise<void> {
  await appendToOutbox(tx, outbox, { topic: ERP_SUBMISSION_REQUESTED, aggregateId: orderId, payload: { purchaseOrderId: orderId } });
}
