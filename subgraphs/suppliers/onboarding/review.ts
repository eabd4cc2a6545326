import { type Database, type Transaction, isUuid } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { markSyncPending } from '@procuregraph/platform/jobs';
import { outbox, syncStatus, type SupplierRow, type SupplierStatus } from '../db/tables.ts';
import { lockSupplier, transition } from '../supplier/status-change.ts';
import { SUPPLIER_APPROVED } from '../supplier/topics.ts';
import { dropHolds } from '../compliance/holds.ts';
import { screeningHoldRefusal } from '../compliance/screening-holds.ts';

export interface ReviewResult {
  supplier: SupplierRow | null;
  userErrors: UserError[];
}

const failure = (code: string, message: string, field: string[] = ['id']): ReviewResult => ({
  supplier: null,
  userErrors: [{ field, code, message }],
});

async function approveLocked(tx: Transaction, supplier: SupplierRow): Promise<ReviewResult> {
  const screeningRefusal = await screeningHoldRefusal(tx, supplier);
  if (screeningRefusal) return failure(screeningRefusal.code, screeningRefusal.message);
  if (supplier.status === 'APPROVED' || supplier.status === 'ACTIVE') return { supplier, userErrors: [] };
  if (supplier.status !== 'PENDING_APPROVAL')
    return failure('INVALID_STATUS', `Supplier ${supplier.supplierNumber} is ${supplier.status} and cannot be approved`);
  const approved = await transition(tx, supplier, 'APPROVED', { rejectionReason: null });
  // The ERP setup is the job this event starts; PENDING shows in the graph from this commit on.
  await appendToOutbox(tx, outbox, { topic: SUPPLIER_APPROVED, aggregateId: supplier.id, payload: { supplierId: supplier.id } });
  await markSyncPending(tx, syncStatus, supplier.id, 'ERP');
  return { supplier: approved, userErrors: [] };
}

const REJECTABLE: readonly SupplierStatus[] = ['PENDING_APPROVAL', 'ON_HOLD'];

async function rejectLocked(tx: Transaction, supplier: SupplierRow, reason: string): Promise<ReviewResult> {
  if (supplier.status === 'REJECTED') return { supplier, userErrors: [] };
  if (!REJECTABLE.includes(supplier.status))
    return failure('INVALID_STATUS', `Supplier ${supplier.supplierNumber} is ${supplier.status} and cannot be rejected`);
  await dropHolds(tx, supplier.id);
  return { supplier: await transition(tx, supplier, 'REJECTED', { rejectionReason: reason, statusBeforeHold: null }), userErrors: [] };
}

async function withSupplier(
  db: Database,
  supplierId: string,
  decide: (tx: Transaction, supplier: SupplierRow) => Promise<ReviewResult>,
): Promise<ReviewResult> {
  if (!isUuid(supplierId)) return failure('NOT_FOUND', `There is no supplier ${supplierId}`);
  return db.transaction(async (tx) => {
    const supplier = await lockSupplier(tx, supplierId);
    return supplier ? decide(tx, supplier) : failure('NOT_FOUND', `There is no supplier ${supplierId}`);
  });
}

/** Approves a supplier: APPROVED, its event, and the ERP setup job, in one transaction. Approving twice is a no-op. */
export function approveSupplier(db: Database, supplierId: string): Promise<ReviewResult> {
  return withSupplier(db, supplierId, approveLocked);
}

export function rejectSupplier(db: Database, supplierId: string, reason: string): Promise<ReviewResult> {
  const trimmed = reason.trim();
  if (trimmed === '') return Promise.resolve(failure('REQUIRED', 'A reason is required', ['reason']));
  return withSupplier(db, supplierId, (tx, supplier) => rejectLocked(tx, supplier, trimmed));
}
