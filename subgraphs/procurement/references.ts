import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@procuregraph/platform/db';
import { contractReferences, supplierReferences, supplierStatuses } from './db/tables.ts';

/**
 * Keeps procurement's projections of suppliers and contracts in step with the events of the
 * subgraphs that own them. Each update is an upsert of the fields the event carries, so the
 * topics may arrive in any order.
 */

const statusChanged = z.object({ supplierId: z.string().min(1), status: z.enum(supplierStatuses) });
const erpLinked = z.object({
  supplierId: z.string().min(1),
  erpSupplierId: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  erpSupplierNumber: z.string().nullish(),
  vendorRegistrationId: z.string().nullish(),
});
const contractChanged = z.object({ contractId: z.string().min(1), supplierId: z.string().min(1), status: z.string() });

/** A supplier first met through `erp_linked` or `portal_enrolled` is not ACTIVE until its status event says so. */
const UNKNOWN_STATUS = 'PENDING_APPROVAL';

export async function applySupplierStatusChanged(db: Queryable, payload: unknown): Promise<void> {
  const event = statusChanged.parse(payload);
  await db
    .insert(supplierReferences)
    .values({ supplierId: event.supplierId, status: event.status })
    .onConflictDoUpdate({ target: supplierReferences.supplierId, set: { status: event.status, updatedAt: new Date() } });
}

export async function applySupplierErpLinked(db: Queryable, payload: unknown): Promise<void> {
  const event = erpLinked.parse(payload);
  const ids = {
    erpSupplierId: event.erpSupplierId,
    erpSupplierNumber: event.erpSupplierNumber ?? null,
    vendorRegistrationId: event.vendorRegistrationId ?? null,
  };
  await db
    .insert(supplierReferences)
    .values({ supplierId: event.supplierId, status: UNKNOWN_STATUS, ...ids })
    .onConflictDoUpdate({
      target: supplierReferences.supplierId,
      set: {
        erpSupplierId: ids.erpSupplierId,
        erpSupplierNumber: sql`coalesce(excluded.erp_supplier_number, ${supplierReferences.erpSupplierNumber})`,
        vendorRegistrationId: sql`coalesce(excluded.vendor_registration_id, ${supplierReferences.vendorRegistrationId})`,
        updatedAt: new Date(),
      },
    });
}

export async function applyContractChanged(db: Queryable, payload: unknown): Promise<void> {
  const event = contractChanged.parse(payload);
  await db
    .insert(contractReferences)
    .values(event)
    .onConflictDoUpdate({
      target: contractReferences.contractId,
      set: { supplierId: event.supplierId, status: event.status, updatedAt: new Date() },
    });
}
