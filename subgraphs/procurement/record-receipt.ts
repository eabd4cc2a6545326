import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Database, type Queryable, type Transaction, isUuid, newId } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { markSyncPending } from '@procuregraph/platform/jobs';
import { formatDecimal } from '@procuregraph/platform/money';
import {
  purchaseOrderLines,
  purchaseOrders,
  receiptLines,
  receipts,
  syncStatus,
  type PurchaseOrderRow,
  type ReceiptRow,
} from './db/tables.ts';
import { emitOrderEvent, emitReceiptRecorded, PURCHASE_ORDER_CHANGED } from './events.ts';
import { fingerprint } from './purchase-order-rules.ts';
import {
  RECEIVABLE_STATUSES,
  receiptLineErrors,
  statusAfterReceipts,
  type LineQuantities,
  type ReceiptLineInput,
} from './receipt-rules.ts';

export interface RecordReceiptRequest {
  purchaseOrderId: string;
  idempotencyKey: string | null;
  lines: readonly ReceiptLineInput[];
}

export type ReceiptOutcome = { receipt: ReceiptRow | null; userErrors: UserError[] };

/** A receipt to store, whoever recorded it: a user here, or the ERP (then with its ids). */
export interface NewReceipt {
  id: string;
  purchaseOrderId: string;
  receivedAt: Date;
  receiptNumber: string | null;
  erpReceiptId: number | null;
  idempotencyKey: string | null;
  idempotencyFingerprint: string | null;
  lines: readonly ReceiptLineInput[];
}

const refused = (userErrors: UserError[]): ReceiptOutcome => ({ receipt: null, userErrors });

/**
 * Records goods received: checked against what the order still expects, stored with the order's
 * new status and the `receipt.recorded` event; the ERP job started by the event sends it on.
 * The order row is locked for the check, so two receipts at once cannot over-receive a line.
 */
export async function recordReceipt(db: Database, request: RecordReceiptRequest): Promise<ReceiptOutcome> {
  const normalized = request.lines.map((line) => ({ lineNumber: line.lineNumber, quantityReceived: formatDecimal(line.quantityReceived) }));
  const requestFingerprint = fingerprint({ purchaseOrderId: request.purchaseOrderId, lines: normalized });
  return db.transaction(async (tx) => {
    if (request.idempotencyKey) {
      const earlier = await replayOf(tx, request.idempotencyKey, requestFingerprint);
      if (earlier) return earlier;
    }
    const [order] = isUuid(request.purchaseOrderId)
      ? await tx.select().from(purchaseOrders).where(eq(purchaseOrders.id, request.purchaseOrderId)).for('update')
      : [];
    if (!order)
      return refused([
        { field: ['input', 'purchaseOrderId'], message: `No purchase order ${request.purchaseOrderId}.`, code: 'NOT_FOUND' },
      ]);
    if (!RECEIVABLE_STATUSES.includes(order.status)) {
      return refused([
        {
          field: ['input', 'purchaseOrderId'],
          message: `The order is ${order.status}; only open orders receive goods.`,
          code: 'ORDER_NOT_OPEN',
        },
      ]);
    }
    const errors = receiptLineErrors(normalized, await lineQuantities(tx, order.id));
    if (errors.length > 0) return refused(errors);
    const receipt = await storeReceipt(tx, order, {
      id: newId(),
      purchaseOrderId: order.id,
      receivedAt: new Date(),
      receiptNumber: null,
      erpReceiptId: null,
      idempotencyKey: request.idempotencyKey,
      idempotencyFingerprint: requestFingerprint,
      lines: normalized,
    });
    await markSyncPending(tx, syncStatus, receipt.id, 'ERP');
    return { receipt, userErrors: [] };
  });
}

async function replayOf(db: Queryable, idempotencyKey: string, requestFingerprint: string): Promise<ReceiptOutcome | null> {
  const [existing] = await db.select().from(receipts).where(eq(receipts.idempotencyKey, idempotencyKey));
  if (!existing) return null;
  if (existing.idempotencyFingerprint === requestFingerprint) return { receipt: existing, userErrors: [] };
  return refused([
    {
      field: ['input', 'idempotencyKey'],
      message: 'This idempotency key was used for a different receipt.',
      code: 'IDEMPOTENCY_KEY_REUSED',
    },
  ]);
}

/** Ordered and received so far, per line of the order. */
async function lineQuantities(db: Queryable, orderId: string): Promise<LineQuantities> {
  const lines = await db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, orderId));
  const received = await db
    .select({ lineNumber: receiptLines.lineNumber, total: sql<string>`sum(${receiptLines.quantityReceived})` })
    .from(receiptLines)
    .innerJoin(receipts, eq(receipts.id, receiptLines.receiptId))
    .where(eq(receipts.purchaseOrderId, orderId))
    .groupBy(receiptLines.lineNumber);
  const receivedByLine = new Map(received.map((row) => [row.lineNumber, row.total]));
  return new Map(lines.map((line) => [line.lineNumber, { ordered: line.quantity, received: receivedByLine.get(line.lineNumber) ?? '0' }]));
}

/**
 * Stores a receipt, moves its order to PARTIALLY_RECEIVED or RECEIVED as the quantities say, and
 * appends the events: `receipt.recorded`, and `purchase_order.changed` when the status moved.
 */
export async function storeReceipt(tx: Transaction, order: PurchaseOrderRow, receipt: NewReceipt): Promise<ReceiptRow> {
  const { lines, ...header } = receipt;
  const [stored] = await tx.insert(receipts).values(header).returning();
  await tx.insert(receiptLines).values(lines.map((line) => ({ receiptId: receipt.id, ...line })));
  await emitReceiptRecorded(tx, stored!, lines);
  const status = statusAfterReceipts(await lineQuantities(tx, order.id));
  if (status !== order.status && RECEIVABLE_STATUSES.includes(order.status)) {
    const [changed] = await tx
      .update(purchaseOrders)
      .set({ status, updatedAt: new Date() })
      .where(and(eq(purchaseOrders.id, order.id), inArray(purchaseOrders.status, [...RECEIVABLE_STATUSES])))
      .returning();
    const orderLines = await tx
      .select()
      .from(purchaseOrderLines)
      .where(eq(purchaseOrderLines.purchaseOrderId, order.id))
      .orderBy(purchaseOrderLines.lineNumber);
    if (changed) await emitOrderEvent(tx, PURCHASE_ORDER_CHANGED, changed, orderLines);
  }
  return stored!;
}
