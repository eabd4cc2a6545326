import { z } from 'zod';
import type { Transaction } from '@procuregraph/platform/db';
import { defineTopic } from '@procuregraph/platform/events';
import { supplierProjections } from '../db/tables.ts';

export const supplierStatusChanged = defineTopic(
  'supplier.status_changed',
  z.object({
    supplierId: z.uuid(),
    previousStatus: z.string().nullish(),
    status: z.string().min(1),
    category: z.string().nullish(),
    occurredAt: z.iso.datetime({ offset: true }),
  }),
);

const supplierLinks = z.object({
  supplierId: z.uuid(),
  erpSupplierId: z.union([z.string(), z.number()]).transform(String),
  erpSupplierNumber: z.string(),
  vendorRegistrationId: z.string().nullish(),
});

export const supplierErpLinked = defineTopic('supplier.erp_linked', supplierLinks);
/** A supplier in the ERP got its portal registration: the same links, now with the registration. */
export const supplierPortalEnrolled = defineTopic('supplier.portal_enrolled', supplierLinks);

export type SupplierStatusChanged = ReturnType<typeof supplierStatusChanged.parse>;
export type SupplierErpLinked = ReturnType<typeof supplierErpLinked.parse>;

/**
 * The two events fill different columns of one row, so each updates only its own. An older status
 * event carries no category and leaves the one already known.
 */
export async function projectSupplierStatus(tx: Transaction, event: SupplierStatusChanged): Promise<void> {
  const facts = { status: event.status, ...(event.category ? { category: event.category } : {}), updatedAt: new Date(event.occurredAt) };
  await tx
    .insert(supplierProjections)
    .values({ supplierId: event.supplierId, ...facts })
    .onConflictDoUpdate({ target: supplierProjections.supplierId, set: facts });
}

export async function projectSupplierErpLink(tx: Transaction, event: SupplierErpLinked, occurredAt: Date): Promise<void> {
  const link = {
    erpSupplierId: event.erpSupplierId,
    erpSupplierNumber: event.erpSupplierNumber,
    ...(event.vendorRegistrationId ? { vendorRegistrationId: event.vendorRegistrationId } : {}),
  };
  await tx
    .insert(supplierProjections)
    .values({ supplierId: event.supplierId, ...link, updatedAt: occurredAt })
    .onConflictDoUpdate({ target: supplierProjections.supplierId, set: { ...link, updatedAt: occurredAt } });
}
