import { and, eq, isNull, or } from 'drizzle-orm';
import type { Database, Queryable } from '@procuregraph/platform/db/database';
import type { FieldCipher } from '@procuregraph/platform/crypto/field-encryption';
import { appendToOutbox } from '@procuregraph/platform/outbox/outbox';
import { PermanentError } from '@procuregraph/platform/resilience/failures';
import type { VendorPlatformClient } from '@procuregraph/connector-vendor-platform/client';
import { toRegistration, type EnrollmentRecord } from '../vendor-platform-mapping.ts';
import { externalReferences, insuranceCertificates, outbox, suppliers, type SupplierRow } from '../db/tables.ts';
import { bankAccountFingerprint, parseTaxId } from './identifiers.ts';
import { supplierIdentity } from './supplier-identity.ts';
import { SUPPLIER_ERP_LINKED } from './topics.ts';
import type { OnboardingInput } from './validation.ts';

/**
 * The supplier portal serves only suppliers registered on the vendor platform. A supplier
 * onboarded through the graph is registered there on its behalf once the ERP has it, so its
 * purchase orders and payments can be published to it like everyone else's.
 */

export interface PortalEnrollmentDependencies {
  db: Database;
  cipher: FieldCipher;
  platform: VendorPlatformClient;
}

async function registrationOf(db: Queryable, supplierId: string): Promise<string | null> {
  const [reference] = await db
    .select({ externalId: externalReferences.externalId })
    .from(externalReferences)
    .where(and(eq(externalReferences.supplierId, supplierId), eq(externalReferences.system, 'VENDOR_PLATFORM')));
  return reference?.externalId ?? null;
}

async function enrollmentRecord(db: Database, cipher: FieldCipher, supplier: SupplierRow): Promise<EnrollmentRecord> {
  const certificates = await db.select().from(insuranceCertificates).where(eq(insuranceCertificates.supplierId, supplier.id));
  return {
    ...supplierIdentity(supplier, cipher),
    contact: supplier.contact,
    insuranceCertificates: certificates.map(({ type, carrier, policyNumber, coverageAmount, expiresOn }) => ({ type, carrier, policyNumber, coverageAmount, expiresOn })),
  };
}

/**
 * The enrollment job: registers the supplier on the platform (idempotently: a retry or replay
 * finds the same registration), records it as the supplier's external reference, and announces
 * the supplier's ERP links again with it, which tells procurement and invoicing where to publish
 * and makes the platform approve the registration and show the ERP supplier number.
 */
export async function enrollOnPortal(deps: PortalEnrollmentDependencies, supplierId: string, idempotencyKey: string, signal?: AbortSignal): Promise<void> {
  const [supplier] = await deps.db.select().from(suppliers).where(eq(suppliers.id, supplierId));
  if (!supplier?.erpLinks) throw new PermanentError(`Supplier ${supplierId} is not set up in the ERP, so it cannot be enrolled on the portal`);
  const erpLinks = supplier.erpLinks;
  const registrationId =
    (await registrationOf(deps.db, supplierId)) ?? (await deps.platform.createRegistration(toRegistration(await enrollmentRecord(deps.db, deps.cipher, supplier)), idempotencyKey, signal));
  await deps.db.transaction(async (tx) => {
    // The platform's registration.submitted webhook may have linked it first (linkKnownSupplier).
    await tx.insert(externalReferences).values({ supplierId, system: 'VENDOR_PLATFORM', externalId: registrationId }).onConflictDoNothing();
    await appendToOutbox(tx, outbox, {
      topic: SUPPLIER_ERP_LINKED,
      aggregateId: supplierId,
      payload: { supplierId, vendorRegistrationId: await registrationOf(tx, supplierId), erpSupplierId: erpLinks.supplierId, erpSupplierNumber: erpLinks.supplierNumber },
    });
  });
}

/**
 * A registration that describes a supplier already known here (same TIN and same bank account)
 * and not yet on the portal: its own enrollment, or that supplier signing up by itself. It is
 * linked rather than onboarded again. Matching the bank account too means a stranger who knows a
 * supplier's TIN cannot take over its portal account.
 */
export async function linkKnownSupplier(db: Database, cipher: FieldCipher, registrationId: string, input: OnboardingInput): Promise<string | null> {
  const taxId = parseTaxId(input.taxId ?? '');
  const bank = input.bankAccount;
  if (!('digits' in taxId) || !bank?.routingNumber || !bank.accountNumber) return null;
  const [known] = await db
    .select({ id: suppliers.id })
    .from(suppliers)
    .leftJoin(externalReferences, and(eq(externalReferences.supplierId, suppliers.id), eq(externalReferences.system, 'VENDOR_PLATFORM')))
    .where(
      and(
        eq(suppliers.taxIdFingerprint, cipher.fingerprint(taxId.digits)),
        eq(suppliers.bankAccountFingerprint, bankAccountFingerprint(cipher, bank.routingNumber, bank.accountNumber)),
        // Unlinked, or linked to this very registration by its enrollment a moment ago.
        or(isNull(externalReferences.externalId), eq(externalReferences.externalId, registrationId)),
      ),
    );
  if (!known) return null;
  await db.insert(externalReferences).values({ supplierId: known.id, system: 'VENDOR_PLATFORM', externalId: registrationId }).onConflictDoNothing();
  // Whichever of the enrollment and this webhook recorded the link, it must be this registration.
  return (await registrationOf(db, known.id)) === registrationId ? known.id : null;
}
