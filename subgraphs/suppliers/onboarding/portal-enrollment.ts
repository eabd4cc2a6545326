import { and, eq, isNull, or } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import { PermanentError } from '@procuregraph/platform/resilience';
import type { VendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import { toRegistration, type EnrollmentRecord } from '../vendor-platform-mapping.ts';
import { externalReferences, insuranceCertificates, suppliers, type SupplierRow } from '../db/tables.ts';
import { bankAccountFingerprint, parseTaxId } from '../supplier/identifiers.ts';
import { supplierIdentity } from '../supplier/identity.ts';
import { portalRegistrationOf, recordPortalRegistration } from '../supplier/external-references.ts';
import type { OnboardingInput } from '../supplier/registration.ts';

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

async function enrollmentRecord(db: Database, cipher: FieldCipher, supplier: SupplierRow): Promise<EnrollmentRecord> {
  const certificates = await db.select().from(insuranceCertificates).where(eq(insuranceCertificates.supplierId, supplier.id));
  return {
    ...supplierIdentity(supplier, cipher),
    contact: supplier.contact,
    insuranceCertificates: certificates.map(({ type, carrier, policyNumber, coverageAmount, expiresOn }) => ({
      type,
      carrier,
      policyNumber,
      coverageAmount,
      expiresOn,
    })),
  };
}

/** What the platform must be told of a supplier's ERP records. */
export interface ErpReference {
  erpSupplierId: string;
  erpSupplierNumber: string;
}

/**
 * Registers the supplier on the platform unless it is registered already (idempotently: a retry
 * or replay finds the same registration), records the registration, and answers it.
 */
async function enrollOnPortal(
  deps: PortalEnrollmentDependencies,
  supplierId: string,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<string> {
  const [supplier] = await deps.db.select().from(suppliers).where(eq(suppliers.id, supplierId));
  if (!supplier?.erpLinks)
    throw new PermanentError(`Supplier ${supplierId} is not set up in the ERP, so it cannot be enrolled on the portal`);
  const known = await portalRegistrationOf(deps.db, supplierId);
  if (known) return known;
  const created = await deps.platform.createRegistration(
    toRegistration(await enrollmentRecord(deps.db, deps.cipher, supplier)),
    idempotencyKey,
    signal,
  );
  // The platform's registration.submitted webhook may have recorded it first (linkKnownSupplier).
  const recorded = await deps.db.transaction((tx) => recordPortalRegistration(tx, supplier, created));
  if (!recorded) throw new PermanentError(`Registration ${created} belongs to another supplier; ${supplierId} stays without one`);
  return recorded;
}

/**
 * The job run for each `supplier.erp_linked`: a supplier without a registration (onboarded
 * through the graph) is enrolled first, in the same run; then the platform approves the
 * registration, since approved in the graph means approved there too (its portal serves only
 * approved suppliers), and shows the ERP supplier number. Repeating either is a no-op there; a
 * registration rejected there meanwhile answers 409, which dead-letters the job for someone to
 * look at.
 */
export async function linkOnPortal(
  deps: PortalEnrollmentDependencies,
  supplierId: string,
  registrationId: string | null,
  erp: ErpReference,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<void> {
  const registration = registrationId ?? (await enrollOnPortal(deps, supplierId, idempotencyKey, signal));
  await deps.platform.approveRegistration(registration, signal);
  await deps.platform.linkErpSupplier(registration, { supplierNumber: erp.erpSupplierNumber, supplierId: erp.erpSupplierId }, signal);
}

/**
 * A registration that describes a supplier already known here (same TIN and same bank account)
 * and not yet on the portal: its own enrollment, or that supplier signing up by itself. It is
 * linked rather than onboarded again. Matching the bank account too means a stranger who knows a
 * supplier's TIN cannot take over its portal account.
 */
export async function linkKnownSupplier(
  db: Database,
  cipher: FieldCipher,
  registrationId: string,
  input: OnboardingInput,
): Promise<string | null> {
  const taxId = parseTaxId(input.taxId ?? '');
  const bank = input.bankAccount;
  if (!('digits' in taxId) || !bank?.routingNumber || !bank.accountNumber) return null;
  const [known] = await db
    .select({ id: suppliers.id, erpLinks: suppliers.erpLinks })
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
  const recorded = await db.transaction((tx) => recordPortalRegistration(tx, known, registrationId));
  // Whichever of the enrollment and this webhook recorded the link, it must be this registration.
  return recorded === registrationId ? known.id : null;
}
