import { eq } from 'drizzle-orm';
import { firstBusinessEventAt, recordBusinessEvent } from '@procuregraph/platform/business';
import type { Transaction } from '@procuregraph/platform/db';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { outbox, suppliers, type SupplierCategory, type SupplierRow, type SupplierStatus } from '../db/tables.ts';
import { supplierStatusChanged, type SupplierStatusChanged } from '../events.ts';

/** Announces a status in the transaction that sets it: every transition has its event, none without one. */
export async function announceStatus(
  tx: Transaction,
  supplier: { id: string; category: SupplierCategory },
  previousStatus: SupplierStatus | null,
  status: SupplierStatus,
  occurredAt: Date,
): Promise<void> {
  const payload: SupplierStatusChanged = {
    supplierId: supplier.id,
    previousStatus,
    status,
    category: supplier.category,
    occurredAt: occurredAt.toISOString(),
  };
  await appendToOutbox(tx, outbox, { topic: supplierStatusChanged.name, aggregateId: supplier.id, payload });
}

/** The supplier row, locked until the transaction ends, so two transitions never interleave. */
export async function lockSupplier(tx: Transaction, supplierId: string): Promise<SupplierRow | null> {
  const [row] = await tx.select().from(suppliers).where(eq(suppliers.id, supplierId)).for('update');
  return row ?? null;
}

/**
 * The vendor activation time: registration to the first ACTIVE. A supplier active again after a
 * hold is not activated again; one that never registered here (seeded, imported) has no start.
 */
async function recordActivation(tx: Transaction, supplierId: string): Promise<void> {
  const registeredAt = await firstBusinessEventAt(tx, 'SUPPLIER_REGISTERED', supplierId);
  if (!registeredAt || (await firstBusinessEventAt(tx, 'SUPPLIER_ACTIVATED', supplierId))) return;
  await recordBusinessEvent(tx, { kind: 'SUPPLIER_ACTIVATED', supplierId, entityId: supplierId, startedAt: registeredAt });
}

/** Moves a locked supplier to `status` (with other column changes) and announces it. */
export async function transition(
  tx: Transaction,
  supplier: SupplierRow,
  status: SupplierStatus,
  changes: Partial<typeof suppliers.$inferInsert> = {},
): Promise<SupplierRow> {
  const now = new Date();
  const [updated] = await tx
    .update(suppliers)
    .set({ ...changes, status, updatedAt: now })
    .where(eq(suppliers.id, supplier.id))
    .returning();
  if (supplier.status !== status) await announceStatus(tx, supplier, supplier.status, status, now);
  if (status === 'ACTIVE') await recordActivation(tx, supplier.id);
  return updated!;
}
