import { eq, inArray } from 'drizzle-orm';
import { type Database, type Transaction, deterministicId, newId, recordJourneyStep } from '@procuregraph/platform/db';
import {
  createFeedPoller,
  defineInboundQueue,
  processInboundEvent,
  type FeedPoller,
  type InboundEvent,
  type InboundOutcome,
  type InboundQueue,
} from '@procuregraph/platform/inbound';
import { recordSyncState, type JobRuntime } from '@procuregraph/platform/jobs';
import type { Logger } from '@procuregraph/platform/logging';
import { decimal } from '@procuregraph/platform/money';
import { describeError, PermanentError, type CallPolicy } from '@procuregraph/platform/resilience';
import {
  erpEventTypes,
  type BusinessEvent,
  type ErpClient,
  ErpResourceError,
  readPurchaseOrder,
  readReceipt,
} from '@procuregraph/connector-erp';
import { ErpMappingError, fromErpOrder, fromErpReceipt, type ErpOrderSnapshot, type ErpReceiptSnapshot } from './erp-mapping.ts';
import {
  facilities,
  feedCursors,
  inboundEntityVersions,
  inboundEvents,
  procurementSchema,
  purchaseOrderLines,
  purchaseOrders,
  receipts,
  supplierReferences,
  syncStatus,
  type PurchaseOrderRow,
  type PurchaseOrderStatus,
} from './db/tables.ts';
import { emitOrderEvent, PURCHASE_ORDER_CHANGED, PURCHASE_ORDER_ISSUED, requestPublication } from './events.ts';
import { linkOrderToErp, linkReceiptToErp } from './erp-sync.ts';
import { storeReceipt } from './record-receipt.ts';

export const ERP_SOURCE = 'erp';

export interface ErpFeedOptions {
  db: Database;
  /** How each event is applied, and where one that cannot be is parked. */
  inbound: InboundQueue<BusinessEvent>;
  erp: ErpClient;
  policy: CallPolicy;
  logger: Logger;
  intervalMs: number;
}

/**
 * Reads the ERP's business events so orders and receipts made in the ERP itself, and its own
 * status changes, reach the canonical store. The feed also carries what Procuregraph sent: those
 * are recognized by their canonical reference and linked, never stored twice.
 */
export function createErpFeedPoller(options: ErpFeedOptions): FeedPoller {
  return createFeedPoller<BusinessEvent>({
    db: options.db,
    tables: { feedCursors },
    logger: options.logger,
    intervalMs: options.intervalMs,
    fetchPage: async (cursor) => {
      const page = await options.policy.execute((signal) => options.erp.businessEventsAfter(Number(cursor ?? 0), signal));
      return { items: page.items, cursor: page.items.length > 0 ? String(page.items.at(-1)!.sequence) : cursor };
    },
    describe: describeErpEvent,
    inbound: options.inbound,
  });
}

/**
 * A business event as the inbound deduplication sees it: its id and, for an order, the order's
 * version ordered by the feed's sequence, so a late push of an older state changes nothing.
 */
export function describeErpEvent(item: BusinessEvent): InboundEvent {
  const aboutOrder = item.eventType === erpEventTypes.purchaseOrderIssued || item.eventType === erpEventTypes.purchaseOrderChanged;
  return {
    source: ERP_SOURCE,
    sourceEventId: item.eventId,
    ...(aboutOrder ? { entity: { key: `purchase-order:${item.resourceId}`, occurredAt: item.occurredAt, sequence: item.sequence } } : {}),
  };
}

/** Applies one business event at most once, pushed by the ERP or read from its feed. */
export function applyErpEvent(db: Database, logger: Logger) {
  const log = logger.child({ component: 'erp-feed' });
  return (event: InboundEvent, item: BusinessEvent): Promise<InboundOutcome> =>
    processInboundEvent(db, { inboundEvents, inboundEntityVersions }, event, (tx) => applyReadableEvent(tx, item, log));
}

/** Where a business event procurement cannot apply waits: the dead letters of `feed.erp`. */
export function erpEventQueue(jobs: JobRuntime, db: Database, logger: Logger): InboundQueue<BusinessEvent> {
  return defineInboundQueue({ jobs, source: ERP_SOURCE, process: applyErpEvent(db, logger) });
}

/** An item we cannot read cannot become readable by trying again: it goes straight to the dead letters. */
async function applyReadableEvent(tx: Transaction, item: BusinessEvent, log: Logger): Promise<void> {
  try {
    const step = await applyBusinessEvent(tx, item, log);
    if (step) await recordErpEventStep(tx, item, step);
  } catch (error) {
    if (error instanceof ErpResourceError || error instanceof ErpMappingError) throw new PermanentError(describeError(error));
    throw error;
  }
}

/** What an ERP event was, as a step of the order it was about. */
interface ErpEventStep {
  orderId: string;
  action: string;
}

/**
 * Applies the event; returns the step it is in its order's journey, or null when it was about no
 * order known here (skipped).
 */
async function applyBusinessEvent(tx: Transaction, item: BusinessEvent, log: Logger): Promise<ErpEventStep | null> {
  if (item.eventType === erpEventTypes.purchaseOrderIssued) {
    const orderId = await applyOrderIssued(tx, fromErpOrder(readPurchaseOrder(item.resource)), log);
    return orderId === null ? null : { orderId, action: 'order issued in the ERP' };
  }
  if (item.eventType === erpEventTypes.purchaseOrderChanged) {
    const snapshot = fromErpOrder(readPurchaseOrder(item.resource));
    const orderId = await applyOrderChanged(tx, snapshot, log);
    return orderId === null ? null : { orderId, action: `order status ${snapshot.status} in the ERP` };
  }
  if (item.eventType === erpEventTypes.receiptRecorded) {
    const snapshot = fromErpReceipt(readReceipt(item.resource));
    const orderId = await applyReceiptRecorded(tx, snapshot, log);
    return orderId === null ? null : { orderId, action: `receipt ${snapshot.receiptNumber} recorded in the ERP` };
  }
  return null;
}

// Names the journey steps of ERP events (deterministicId's namespace; other users of it take 0).
const ERP_EVENT_STEPS = 1;

/**
 * The ERP's event is a step of its order's journey at the ERP's time, written in the transaction
 * that deduplicates it: once per event, whether pushed or read from the feed (as payments' are).
 * Events of one ERP request share a millisecond (a receipt and the order it closes for receiving),
 * and pushed events are applied in any order: the step's id carries the feed's sequence, so steps
 * of one millisecond still list in the order the ERP made them.
 */
function recordErpEventStep(tx: Transaction, item: BusinessEvent, step: ErpEventStep): Promise<void> {
  return recordJourneyStep(tx, {
    id: deterministicId(item.occurredAt, item.sequence, ERP_EVENT_STEPS),
    entityId: step.orderId,
    service: procurementSchema.schemaName,
    system: 'ERP',
    action: step.action,
    outcome: 'SUCCEEDED',
    at: item.occurredAt,
  });
}

async function orderOf(tx: Transaction, snapshot: ErpOrderSnapshot): Promise<PurchaseOrderRow | undefined> {
  const [byErpId] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.erpPoHeaderId, snapshot.poHeaderId));
  if (byErpId || !snapshot.canonicalId) return byErpId;
  const [byReference] = await tx.select().from(purchaseOrders).where(eq(purchaseOrders.id, snapshot.canonicalId));
  return byReference;
}

/** The canonical lines of an ERP order (what was received is counted from receipts). */
export function canonicalLinesOf(orderId: string, snapshot: ErpOrderSnapshot) {
  return snapshot.lines.map(({ quantityReceived: _received, ...line }) => ({ purchaseOrderId: orderId, ...line }));
}

/** Stores an order issued in the ERP, or links ours to it; returns the order's id, or null when its supplier is unknown here (skipped). */
export async function applyOrderIssued(tx: Transaction, snapshot: ErpOrderSnapshot, log: Logger): Promise<string | null> {
  const existing = await orderOf(tx, snapshot);
  if (existing) {
    await linkOrderToErp(tx, existing.id, snapshot);
    return existing.id;
  }
  const [supplier] = await tx.select().from(supplierReferences).where(eq(supplierReferences.erpSupplierId, snapshot.erpSupplierId));
  if (!supplier) {
    log.warn({ poHeaderId: snapshot.poHeaderId, erpSupplierId: snapshot.erpSupplierId }, 'ERP order of an unknown supplier skipped');
    return null;
  }
  const [facility] = snapshot.shipToLocationCode
    ? await tx.select().from(facilities).where(eq(facilities.code, snapshot.shipToLocationCode))
    : [];
  const now = new Date();
  const [order] = await tx
    .insert(purchaseOrders)
    .values({
      id: newId(),
      number: snapshot.orderNumber,
      supplierId: supplier.supplierId,
      contractId: null,
      facilityId: facility?.id ?? null,
      status: snapshot.status,
      orderDate: snapshot.orderDate,
      currency: snapshot.currency,
      total: decimal(snapshot.total).toFixed(2),
      erpPoHeaderId: snapshot.poHeaderId,
      lastSyncedAt: now,
    })
    .returning();
  const lines = canonicalLinesOf(order!.id, snapshot);
  if (lines.length > 0) await tx.insert(purchaseOrderLines).values(lines);
  await recordSyncState(tx, syncStatus, { entityId: order!.id, system: 'ERP', state: 'SYNCED', attempts: 1, lastError: null });
  await emitOrderEvent(tx, PURCHASE_ORDER_ISSUED, order!, lines);
  await requestPublication(tx, order!.id);
  return order!.id;
}

/** Receiving progress is counted from receipts here; the ERP decides closing and cancelling. */
const ERP_DECIDED: readonly PurchaseOrderStatus[] = ['RECEIVED', 'CLOSED', 'CANCELLED'];

/** Returns the order's id, or null when it was skipped. */
async function applyOrderChanged(tx: Transaction, snapshot: ErpOrderSnapshot, log: Logger): Promise<string | null> {
  const existing = await orderOf(tx, snapshot);
  if (!existing) return applyOrderIssued(tx, snapshot, log);
  const now = new Date();
  if (!ERP_DECIDED.includes(snapshot.status) || snapshot.status === existing.status) {
    await tx.update(purchaseOrders).set({ lastSyncedAt: now }).where(eq(purchaseOrders.id, existing.id));
    return existing.id;
  }
  const [changed] = await tx
    .update(purchaseOrders)
    .set({ status: snapshot.status, lastSyncedAt: now, updatedAt: now })
    .where(eq(purchaseOrders.id, existing.id))
    .returning();
  const lines = await tx
    .select()
    .from(purchaseOrderLines)
    .where(eq(purchaseOrderLines.purchaseOrderId, existing.id))
    .orderBy(purchaseOrderLines.lineNumber);
  await emitOrderEvent(tx, PURCHASE_ORDER_CHANGED, changed!, lines);
  // The portal shows closed and cancelled orders as such.
  if (snapshot.status !== 'RECEIVED') await requestPublication(tx, existing.id);
  return existing.id;
}

/** Returns the id of the order received against, or null when the receipt was skipped. */
async function applyReceiptRecorded(tx: Transaction, snapshot: ErpReceiptSnapshot, log: Logger): Promise<string | null> {
  const [known] = await tx.select().from(receipts).where(eq(receipts.erpReceiptId, snapshot.headerInterfaceId));
  if (known) return known.purchaseOrderId;
  const [ours] = snapshot.canonicalId ? await tx.select().from(receipts).where(eq(receipts.id, snapshot.canonicalId)) : [];
  if (ours) {
    await linkReceiptToErp(tx, ours.id, snapshot);
    return ours.purchaseOrderId;
  }
  const orderIds = [...new Set(snapshot.lines.map((line) => line.poHeaderId))];
  const orders = orderIds.length > 0 ? await tx.select().from(purchaseOrders).where(inArray(purchaseOrders.erpPoHeaderId, orderIds)) : [];
  // A canonical receipt belongs to one order; Fusion lets one receipt span orders of a supplier.
  if (orderIds.length !== 1 || orders.length !== 1) {
    log.warn({ headerInterfaceId: snapshot.headerInterfaceId, orderIds }, 'ERP receipt not for exactly one known order skipped');
    return null;
  }
  const receiptId = newId();
  await storeReceipt(tx, orders[0]!, {
    id: receiptId,
    purchaseOrderId: orders[0]!.id,
    receivedAt: snapshot.receivedAt,
    receiptNumber: snapshot.receiptNumber,
    erpReceiptId: snapshot.headerInterfaceId,
    idempotencyKey: null,
    idempotencyFingerprint: null,
    lines: snapshot.lines.map((line) => ({ lineNumber: line.lineNumber, quantityReceived: line.quantityReceived })),
  });
  await recordSyncState(tx, syncStatus, { entityId: receiptId, system: 'ERP', state: 'SYNCED', attempts: 1, lastError: null });
  return orders[0]!.id;
}
