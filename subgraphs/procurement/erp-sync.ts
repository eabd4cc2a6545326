import { and, eq } from 'drizzle-orm';
import type { Database, Transaction } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { PermanentError } from '@procuregraph/platform/resilience';
import type { ErpClient } from '@procuregraph/connector-erp';
import {
  fromErpOrder,
  fromErpReceipt,
  toErpOrderRequest,
  toErpReceiptRequest,
  type ErpOrderSnapshot,
  type ErpReceiptSnapshot,
} from './erp-mapping.ts';
import { purchaseOrderLines, purchaseOrders, receiptLines, receipts, supplierReferences } from './db/tables.ts';
import { emitOrderEvent, PURCHASE_ORDER_ISSUED, requestPublication } from './events.ts';
import { orderContents } from './order-contents.ts';

/** Job handlers that create canonical orders and receipts in the ERP (system ERP). */

export function sendOrderToErp(db: Database, erp: ErpClient) {
  return async (job: JobContext): Promise<void> => {
    const [order] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, job.entityId));
    if (!order) throw new PermanentError(`No purchase order ${job.entityId}`);
    // Orders that came from the ERP, or that its feed already matched, are there already.
    if (order.erpPoHeaderId !== null) return;
    const [supplier] = await db.select().from(supplierReferences).where(eq(supplierReferences.supplierId, order.supplierId));
    if (supplier?.erpSupplierId == null) throw new PermanentError(`The supplier ${order.supplierId} has no ERP id`);
    const { lines, facility } = await orderContents(db, order);
    const request = toErpOrderRequest({
      ...order,
      erpSupplierId: supplier.erpSupplierId,
      shipToLocationCode: facility?.code ?? null,
      lines,
    });
    const created = fromErpOrder(await erp.createPurchaseOrder(request, job.idempotencyKey, job.signal));
    await db.transaction((tx) => linkOrderToErp(tx, order.id, created));
  };
}

/**
 * Records the ERP's number and id on a canonical order. The first to link it (the job, or the feed
 * when it saw the order first) moves it from DRAFT to OPEN, announces it as issued and asks for its
 * publication; the other only refreshes `lastSyncedAt`.
 */
export async function linkOrderToErp(tx: Transaction, orderId: string, snapshot: ErpOrderSnapshot): Promise<void> {
  const now = new Date();
  const [opened] = await tx
    .update(purchaseOrders)
    .set({ number: snapshot.orderNumber, erpPoHeaderId: snapshot.poHeaderId, status: 'OPEN', lastSyncedAt: now, updatedAt: now })
    .where(and(eq(purchaseOrders.id, orderId), eq(purchaseOrders.status, 'DRAFT')))
    .returning();
  if (!opened) {
    await tx.update(purchaseOrders).set({ lastSyncedAt: now }).where(eq(purchaseOrders.id, orderId));
    return;
  }
  const lines = await tx
    .select()
    .from(purchaseOrderLines)
    .where(eq(purchaseOrderLines.purchaseOrderId, orderId))
    .orderBy(purchaseOrderLines.lineNumber);
  await emitOrderEvent(tx, PURCHASE_ORDER_ISSUED, opened, lines);
  await requestPublication(tx, orderId);
}

export function sendReceiptToErp(db: Database, erp: ErpClient) {
  return async (job: JobContext): Promise<void> => {
    const [receipt] = await db.select().from(receipts).where(eq(receipts.id, job.entityId));
    if (!receipt) throw new PermanentError(`No receipt ${job.entityId}`);
    if (receipt.erpReceiptId !== null) return;
    const [order] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, receipt.purchaseOrderId));
    // Receipts are only recorded against OPEN orders, which have their number.
    if (!order?.number) throw new PermanentError(`The order of receipt ${receipt.id} has no ERP number`);
    const lines = await db.select().from(receiptLines).where(eq(receiptLines.receiptId, receipt.id)).orderBy(receiptLines.lineNumber);
    const request = toErpReceiptRequest({ id: receipt.id, receivedAt: receipt.receivedAt, orderNumber: order.number, lines });
    const created = fromErpReceipt(await erp.createReceipt(request, job.idempotencyKey, job.signal));
    await db.transaction((tx) => linkReceiptToErp(tx, receipt.id, created));
  };
}

export async function linkReceiptToErp(tx: Transaction, receiptId: string, snapshot: ErpReceiptSnapshot): Promise<void> {
  await tx
    .update(receipts)
    .set({ erpReceiptId: snapshot.headerInterfaceId, receiptNumber: snapshot.receiptNumber })
    .where(eq(receipts.id, receiptId));
}
