import { and, eq, gt, inArray } from 'drizzle-orm';
import type { BackingSystem, Queryable, Transaction } from '@procuregraph/platform/db';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { externalReferences, outbox, suppliers, type SupplierRow } from '../db/tables.ts';
import { SUPPLIER_PORTAL_ENROLLED } from './topics.ts';

/** The supplier's registration on the vendor platform, if it has one. */
export async function portalRegistrationOf(db: Queryable, supplierId: string): Promise<string | null> {
  const [reference] = await db
    .select({ externalId: externalReferences.externalId })
    .from(externalReferences)
    .where(and(eq(externalReferences.supplierId, supplierId), eq(externalReferences.system, 'VENDOR_PLATFORM')));
  return reference?.externalId ?? null;
}

/** The supplier a vendor-platform registration belongs to. */
export async function supplierOfRegistration(db: Queryable, registrationId: string): Promise<string | null> {
  const [reference] = await db
    .select({ supplierId: externalReferences.supplierId })
    .from(externalReferences)
    .where(and(eq(externalReferences.system, 'VENDOR_PLATFORM'), eq(externalReferences.externalId, registrationId)));
  return reference?.supplierId ?? null;
}

/**
 * Records a supplier's portal registration unless it has one already, and answers the one it
 * has. Whoever records it first (the enrollment job, or the platform's webhook announcing the
 * same registration) announces it, once: procurement and invoicing learn where to publish. A
 * supplier not yet in the ERP is announced later, with its ERP links.
 */
export async function recordPortalRegistration(
  tx: Transaction,
  supplier: Pick<SupplierRow, 'id' | 'erpLinks'>,
  registrationId: string,
): Promise<string | null> {
  const inserted = await tx
    .insert(externalReferences)
    .values({ supplierId: supplier.id, system: 'VENDOR_PLATFORM', externalId: registrationId })
    .onConflictDoNothing()
    .returning({ externalId: externalReferences.externalId });
  if (inserted.length > 0 && supplier.erpLinks) {
    await appendToOutbox(tx, outbox, {
      topic: SUPPLIER_PORTAL_ENROLLED,
      aggregateId: supplier.id,
      payload: {
        supplierId: supplier.id,
        vendorRegistrationId: registrationId,
        erpSupplierId: supplier.erpLinks.supplierId,
        erpSupplierNumber: supplier.erpLinks.supplierNumber,
      },
    });
  }
  return portalRegistrationOf(tx, supplier.id);
}

/** The canonical suppliers behind some of a system's ids, by those ids (reconciliation compares them). */
export async function suppliersByExternalId(
  db: Queryable,
  system: BackingSystem,
  externalIds: string[],
): Promise<Map<string, SupplierRow>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select({ externalId: externalReferences.externalId, supplier: suppliers })
    .from(externalReferences)
    .innerJoin(suppliers, eq(suppliers.id, externalReferences.supplierId))
    .where(and(eq(externalReferences.system, system), inArray(externalReferences.externalId, externalIds)));
  return new Map(rows.map((row) => [row.externalId, row.supplier]));
}

/** A page of the suppliers linked to a system, in the order of their id there, after `afterId`. */
export function linkedSuppliersAfter(db: Queryable, system: BackingSystem, afterId: string | null, limit: number) {
  return db
    .select({ externalId: externalReferences.externalId, supplierId: externalReferences.supplierId, legalName: suppliers.legalName })
    .from(externalReferences)
    .innerJoin(suppliers, eq(suppliers.id, externalReferences.supplierId))
    .where(and(eq(externalReferences.system, system), afterId === null ? undefined : gt(externalReferences.externalId, afterId)))
    .orderBy(externalReferences.externalId)
    .limit(limit);
}
