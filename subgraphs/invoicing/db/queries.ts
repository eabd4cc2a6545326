import { and, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { countedRows, supplierStatusCounterKey, type Queryable } from '@procuregraph/platform/db';
import { type PageRequest, afterCursor } from '@procuregraph/platform/graphql';
import { narrowedSupplier, type UserCaller } from '@procuregraph/platform/auth';
import {
  invoiceCounts,
  invoiceLines,
  invoices,
  matchEvaluations,
  matchExceptions,
  paymentApplications,
  payments,
  type ExceptionQueue,
  type InvoiceStatus,
} from './tables.ts';

export interface InvoiceFilter {
  supplierId?: string | undefined;
  purchaseOrderId?: string | undefined;
  status?: InvoiceStatus | null | undefined;
  queue?: ExceptionQueue | null | undefined;
}

/** A supplier's token sees its own invoices and payments only, whatever it asks. */
function invoiceVisibleTo(caller: UserCaller): SQL | undefined {
  return caller.kind === 'supplier' ? eq(invoices.supplierId, caller.supplierId) : undefined;
}

function paymentVisibleTo(caller: UserCaller): SQL | undefined {
  return caller.kind === 'supplier' ? eq(payments.supplierId, caller.supplierId) : undefined;
}

function openIn(queue: ExceptionQueue): SQL {
  return and(eq(matchExceptions.queue, queue), isNull(matchExceptions.resolution))!;
}

/** The invoices with an open exception in the queue, found on the partial (queue, invoice_id) index. */
function inQueue(db: Queryable, queue: ExceptionQueue): SQL {
  return inArray(invoices.id, db.select({ invoiceId: matchExceptions.invoiceId }).from(matchExceptions).where(openIn(queue)));
}

/** What the filter asks of the invoice's own columns, and what the caller may see. */
function ownCondition(caller: UserCaller, filter: InvoiceFilter): SQL | undefined {
  return and(
    invoiceVisibleTo(caller),
    filter.supplierId ? eq(invoices.supplierId, filter.supplierId) : undefined,
    filter.purchaseOrderId ? eq(invoices.purchaseOrderId, filter.purchaseOrderId) : undefined,
    filter.status ? eq(invoices.status, filter.status) : undefined,
  );
}

export async function listInvoices(db: Queryable, caller: UserCaller, filter: InvoiceFilter, page: PageRequest) {
  if (filter.queue) return listQueuedInvoices(db, caller, filter, filter.queue, page);
  return db
    .select()
    .from(invoices)
    .where(and(ownCondition(caller, filter), afterCursor(invoices.id, page)))
    .orderBy(invoices.id)
    .limit(page.limit + 1);
}

/**
 * A queue's page walks the queue's open exceptions in invoice order on the partial (queue,
 * invoice_id) index, each invoice once, and looks each invoice up by id until the page is full: it
 * reads no more than the queue holds, however many invoices there are. The lookup is a lateral
 * subquery with `limit 1` (an id is one invoice at most) so the planner cannot merge it with the
 * invoices' primary key: a merge join reads the invoices from the first id up to the queue's, and
 * the open exceptions are the newest (bench/FINDINGS.md, "The queue filter, rebuilt").
 */
async function listQueuedInvoices(db: Queryable, caller: UserCaller, filter: InvoiceFilter, queue: ExceptionQueue, page: PageRequest) {
  const queued = db
    .selectDistinct({ invoiceId: matchExceptions.invoiceId })
    .from(matchExceptions)
    .where(and(openIn(queue), afterCursor(matchExceptions.invoiceId, page)))
    .as('queued');
  const invoice = db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, queued.invoiceId), ownCondition(caller, filter)))
    .limit(1)
    .as('invoice');
  const rows = await db
    .select()
    .from(queued)
    .crossJoinLateral(invoice)
    .orderBy(queued.invoiceId)
    .limit(page.limit + 1);
  return rows.map((row) => row.invoice);
}

/**
 * The key of `invoice_counts` that holds the filter's count, or null when the counters cannot
 * answer it: an order's invoices and a queue's are counted from the rows, bounded by the
 * (purchase_order_id, id) index and the open exceptions' partial (queue, invoice_id) index.
 */
function counterKey(caller: UserCaller, filter: InvoiceFilter): SQL | null {
  if (filter.purchaseOrderId || filter.queue) return null;
  return supplierStatusCounterKey(invoiceCounts, narrowedSupplier(caller, filter.supplierId), filter.status);
}

export async function countInvoices(db: Queryable, caller: UserCaller, filter: InvoiceFilter): Promise<number> {
  const key = counterKey(caller, filter);
  if (key) return countedRows(db, invoiceCounts, key);
  const [row] = await db
    .select({ total: count() })
    .from(invoices)
    .where(and(ownCondition(caller, filter), filter.queue ? inQueue(db, filter.queue) : undefined));
  return row?.total ?? 0;
}

type InvoiceParent = typeof invoices.supplierId | typeof invoices.purchaseOrderId;

export function invoicesOf(db: Queryable, caller: UserCaller, parent: InvoiceParent, parentId: string, fetch: PageRequest) {
  return db
    .select()
    .from(invoices)
    .where(and(invoiceVisibleTo(caller), eq(parent, parentId), afterCursor(invoices.id, fetch)))
    .orderBy(invoices.id)
    .limit(fetch.limit)
    .$dynamic();
}

export async function countInvoicesBy(db: Queryable, caller: UserCaller, parent: InvoiceParent, parentIds: readonly string[]) {
  const rows = await db
    .select({ parentId: parent, total: count() })
    .from(invoices)
    .where(and(invoiceVisibleTo(caller), inArray(parent, [...parentIds])))
    .groupBy(parent);
  return new Map(rows.map((row) => [row.parentId ?? '', row.total]));
}

export function paymentsOfSupplier(db: Queryable, caller: UserCaller, supplierId: string, fetch: PageRequest) {
  return db
    .select()
    .from(payments)
    .where(and(paymentVisibleTo(caller), eq(payments.supplierId, supplierId), afterCursor(payments.id, fetch)))
    .orderBy(payments.id)
    .limit(fetch.limit)
    .$dynamic();
}

export async function countPaymentsOfSuppliers(db: Queryable, caller: UserCaller, supplierIds: readonly string[]) {
  const rows = await db
    .select({ supplierId: payments.supplierId, total: count() })
    .from(payments)
    .where(and(paymentVisibleTo(caller), inArray(payments.supplierId, [...supplierIds])))
    .groupBy(payments.supplierId);
  return new Map(rows.map((row) => [row.supplierId, row.total]));
}

export function invoicesByIds(db: Queryable, caller: UserCaller, ids: readonly string[]) {
  return db
    .select()
    .from(invoices)
    .where(and(invoiceVisibleTo(caller), inArray(invoices.id, [...ids])));
}

export function paymentsByIds(db: Queryable, caller: UserCaller, ids: readonly string[]) {
  return db
    .select()
    .from(payments)
    .where(and(paymentVisibleTo(caller), inArray(payments.id, [...ids])));
}

export function linesOfInvoices(db: Queryable, invoiceIds: readonly string[]) {
  return db
    .select()
    .from(invoiceLines)
    .where(inArray(invoiceLines.invoiceId, [...invoiceIds]))
    .orderBy(invoiceLines.invoiceId, invoiceLines.position);
}

export function exceptionsOfInvoices(db: Queryable, invoiceIds: readonly string[]) {
  return db
    .select()
    .from(matchExceptions)
    .where(inArray(matchExceptions.invoiceId, [...invoiceIds]))
    .orderBy(matchExceptions.invoiceId, matchExceptions.id);
}

/** The payments applied to each invoice (a payment of several invoices is under each). */
export function paymentsOfInvoices(db: Queryable, caller: UserCaller, invoiceIds: readonly string[]) {
  return db
    .select({ invoiceId: paymentApplications.invoiceId, payment: payments })
    .from(paymentApplications)
    .innerJoin(payments, eq(payments.id, paymentApplications.paymentId))
    .where(and(paymentVisibleTo(caller), inArray(paymentApplications.invoiceId, [...invoiceIds])))
    .orderBy(paymentApplications.invoiceId, payments.id);
}

export function applicationsOfPayments(db: Queryable, paymentIds: readonly string[]) {
  return db
    .select()
    .from(paymentApplications)
    .where(inArray(paymentApplications.paymentId, [...paymentIds]))
    .orderBy(paymentApplications.paymentId, paymentApplications.invoiceId);
}

export function matchHistoryOfInvoices(db: Queryable, invoiceIds: readonly string[]) {
  return db
    .select()
    .from(matchEvaluations)
    .where(inArray(matchEvaluations.invoiceId, [...invoiceIds]))
    .orderBy(matchEvaluations.invoiceId, matchEvaluations.evaluatedAt, matchEvaluations.id);
}

/** What an invoice's cleared payments settled: paid in money and credited from its credit memos. */
export interface Settled {
  paid: string;
  credited: string;
}

export const NOTHING_SETTLED: Settled = { paid: '0', credited: '0' };

/** What cleared payments settled of each invoice; an invoice with none is absent. */
export async function amountsSettled(db: Queryable, invoiceIds: readonly string[]): Promise<Map<string, Settled>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db
    .select({
      invoiceId: paymentApplications.invoiceId,
      paid: sql<string>`sum(${paymentApplications.amount})::text`,
      credited: sql<string>`sum(${paymentApplications.credited})::text`,
    })
    .from(paymentApplications)
    .innerJoin(payments, eq(payments.id, paymentApplications.paymentId))
    .where(and(inArray(paymentApplications.invoiceId, [...invoiceIds]), eq(payments.status, 'CLEARED')))
    .groupBy(paymentApplications.invoiceId);
  return new Map(rows.map(({ invoiceId, paid, credited }) => [invoiceId, { paid, credited }]));
}
