import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import { countedRows, supplierStatusCounterKey, type Queryable } from '@procuregraph/platform/db';
import { type PageRequest, afterCursor } from '@procuregraph/platform/graphql';
import { narrowedSupplier, type UserCaller } from '@procuregraph/platform/auth';
import {
  facilities,
  purchaseOrderCounts,
  purchaseOrderLines,
  purchaseOrders,
  receiptLines,
  receipts,
  type PurchaseOrderStatus,
} from './tables.ts';

export interface PurchaseOrderFilter {
  supplierId?: string | undefined;
  contractId?: string | undefined;
  status?: PurchaseOrderStatus | null | undefined;
}

/** A supplier's token sees its own orders only, whatever it asks. */
function visibleTo(caller: UserCaller): SQL | undefined {
  return caller.kind === 'supplier' ? eq(purchaseOrders.supplierId, caller.supplierId) : undefined;
}

function filterCondition(caller: UserCaller, filter: PurchaseOrderFilter): SQL | undefined {
  return and(
    visibleTo(caller),
    filter.supplierId ? eq(purchaseOrders.supplierId, filter.supplierId) : undefined,
    filter.contractId ? eq(purchaseOrders.contractId, filter.contractId) : undefined,
    filter.status ? eq(purchaseOrders.status, filter.status) : undefined,
  );
}

export function listPurchaseOrders(db: Queryable, caller: UserCaller, filter: PurchaseOrderFilter, page: PageRequest) {
  return db
    .select()
    .from(purchaseOrders)
    .where(and(filterCondition(caller, filter), afterCursor(purchaseOrders.id, page)))
    .orderBy(purchaseOrders.id)
    .limit(page.limit + 1);
}

/**
 * The key of `purchase_order_counts` that holds the filter's count, or null when the counters
 * cannot answer it: a contract's orders are counted from the rows, bounded by the contract_id index.
 */
function counterKey(caller: UserCaller, filter: PurchaseOrderFilter): SQL | null {
  if (filter.contractId) return null;
  return supplierStatusCounterKey(purchaseOrderCounts, narrowedSupplier(caller, filter.supplierId), filter.status);
}

export async function countPurchaseOrders(db: Queryable, caller: UserCaller, filter: PurchaseOrderFilter): Promise<number> {
  const key = counterKey(caller, filter);
  if (key) return countedRows(db, purchaseOrderCounts, key);
  const [row] = await db.select({ total: count() }).from(purchaseOrders).where(filterCondition(caller, filter));
  return row?.total ?? 0;
}

/** Counts per parent (supplier or contract) for nested connections' totalCount. */
export async function countPurchaseOrdersBy(
  db: Queryable,
  caller: UserCaller,
  parent: typeof purchaseOrders.supplierId | typeof purchaseOrders.contractId,
  parentIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = await db
    .select({ parentId: parent, total: count() })
    .from(purchaseOrders)
    .where(and(visibleTo(caller), inArray(parent, [...parentIds])))
    .groupBy(parent);
  return new Map(rows.map((row) => [row.parentId ?? '', row.total]));
}

export function purchaseOrdersOf(
  db: Queryable,
  caller: UserCaller,
  parent: typeof purchaseOrders.supplierId | typeof purchaseOrders.contractId,
  parentId: string,
  fetch: PageRequest,
) {
  return db
    .select()
    .from(purchaseOrders)
    .where(and(visibleTo(caller), eq(parent, parentId), afterCursor(purchaseOrders.id, fetch)))
    .orderBy(purchaseOrders.id)
    .limit(fetch.limit)
    .$dynamic();
}

export function purchaseOrdersByIds(db: Queryable, caller: UserCaller, ids: readonly string[]) {
  return db
    .select()
    .from(purchaseOrders)
    .where(and(visibleTo(caller), inArray(purchaseOrders.id, [...ids])));
}

export function linesOfOrders(db: Queryable, orderIds: readonly string[]) {
  return db
    .select()
    .from(purchaseOrderLines)
    .where(inArray(purchaseOrderLines.purchaseOrderId, [...orderIds]))
    .orderBy(purchaseOrderLines.purchaseOrderId, purchaseOrderLines.lineNumber);
}

export function receiptsOfOrders(db: Queryable, orderIds: readonly string[]) {
  return db
    .select()
    .from(receipts)
    .where(inArray(receipts.purchaseOrderId, [...orderIds]))
    .orderBy(receipts.purchaseOrderId, receipts.id);
}

export function linesOfReceipts(db: Queryable, receiptIds: readonly string[]) {
  return db
    .select()
    .from(receiptLines)
    .where(inArray(receiptLines.receiptId, [...receiptIds]))
    .orderBy(receiptLines.receiptId, receiptLines.lineNumber);
}

export function facilitiesByIds(db: Queryable, ids: readonly string[]) {
  return db
    .select()
    .from(facilities)
    .where(inArray(facilities.id, [...ids]));
}
