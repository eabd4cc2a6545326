import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Queryable, Transaction } from '@procuregraph/platform/db';
import { supplierHolds, suppliers, type HoldReason, type SupplierRow, type SupplierStatus } from '../db/tables.ts';
import { transition } from '../supplier/status-change.ts';

type SupplierChanges = Partial<typeof suppliers.$inferInsert>;

/** The reasons a supplier is held for, oldest first. */
export async function openHolds(db: Queryable, supplierId: string): Promise<HoldReason[]> {
  const rows = await db
    .select({ reason: supplierHolds.reason })
    .from(supplierHolds)
    .where(eq(supplierHolds.supplierId, supplierId))
    .orderBy(asc(supplierHolds.openedAt), asc(supplierHolds.reason));
  return rows.map((row) => row.reason);
}

export function holdsOfSuppliers(db: Queryable, supplierIds: readonly string[]) {
  return db
    .select()
    .from(supplierHolds)
    .where(inArray(supplierHolds.supplierId, [...supplierIds]))
    .orderBy(asc(supplierHolds.openedAt), asc(supplierHolds.reason));
}

/**
 * Holds a locked supplier for `reason` (with other column changes). The first hold remembers the
 * status it interrupts; a further one only adds its reason. Answers whether the reason is new.
 */
export async function placeHold(
  tx: Transaction,
  supplier: SupplierRow,
  reason: HoldReason,
  changes: SupplierChanges = {},
): Promise<boolean> {
  const added = await tx.insert(supplierHolds).values({ supplierId: supplier.id, reason }).onConflictDoNothing().returning();
  if (supplier.status === 'ON_HOLD')
    await tx
      .update(suppliers)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(suppliers.id, supplier.id));
  else await transition(tx, supplier, 'ON_HOLD', { ...changes, statusBeforeHold: supplier.status });
  return added.length > 0;
}

/**
 * Clears one hold of a locked supplier. Only when no other hold is left, and the screening shows
 * no exclusion, does the supplier return to the status the first hold interrupted. Answers whether
 * it was released.
 */
export async function clearHold(
  tx: Transaction,
  supplier: SupplierRow,
  reason: HoldReason,
  changes: SupplierChanges = {},
): Promise<boolean> {
  await tx.delete(supplierHolds).where(and(eq(supplierHolds.supplierId, supplier.id), eq(supplierHolds.reason, reason)));
  const remaining = await openHolds(tx, supplier.id);
  const screeningStatus = changes.screeningStatus ?? supplier.screeningStatus;
  if (supplier.status !== 'ON_HOLD' || remaining.length > 0 || screeningStatus === 'EXCLUDED') {
    await tx
      .update(suppliers)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(suppliers.id, supplier.id));
    return false;
  }
  await transition(tx, supplier, releasedStatus(supplier), { ...changes, statusBeforeHold: null });
  return true;
}

/** The status a hold interrupted; an approval whose ERP setup finished during the hold is ACTIVE by now. */
function releasedStatus(supplier: SupplierRow): SupplierStatus {
  if (supplier.statusBeforeHold === 'APPROVED' && supplier.erpLinks) return 'ACTIVE';
  return supplier.statusBeforeHold ?? 'ACTIVE';
}

/** Records the hold a supplier is created with (a possible exclusion found at onboarding). */
export async function holdNewSupplier(tx: Transaction, supplierId: string, reason: HoldReason): Promise<void> {
  await tx.insert(supplierHolds).values({ supplierId, reason });
}

/** A rejected or retired supplier is no longer held for anything. */
export async function dropHolds(tx: Transaction, supplierId: string): Promise<void> {
  await tx.delete(supplierHolds).where(eq(supplierHolds.supplierId, supplierId));
}
