import { eq, inArray } from 'drizzle-orm';
import { type Database, type Transaction, isUuid, newId } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { insuranceCertificates, suppliers, type SupplierRow, type SupplierStatus } from '../db/tables.ts';
import { insuranceStatusOn } from './insurance-status.ts';
import { lockSupplier } from '../supplier/status-change.ts';
import { clearHold, openHolds, placeHold } from '../compliance/holds.ts';
import type { CertificateInput } from '../supplier/registration.ts';
import { cleanText } from './contact-normalization.ts';
import { decimal, isDecimalString } from '@procuregraph/platform/money';

/** Suppliers whose cover still matters: not turned away, not retired. */
const REVIEWED: readonly SupplierStatus[] = ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'ON_HOLD'];

export interface InsuranceCheckSummary {
  checked: number;
  expiringSoon: number;
  putOnHold: number;
  released: number;
}

/**
 * Re-judges one locked supplier's cover: lapsed cover holds it (beside any other hold), restored
 * cover clears the insurance hold, which releases the supplier only when nothing else holds it.
 */
async function reviewSupplier(tx: Transaction, supplier: SupplierRow, today: string): Promise<'HELD' | 'RELEASED' | null> {
  const certificates = await tx.select().from(insuranceCertificates).where(eq(insuranceCertificates.supplierId, supplier.id));
  const insuranceStatus = insuranceStatusOn(certificates, supplier.category, today);
  const held = (await openHolds(tx, supplier.id)).includes('INSURANCE_EXPIRED');
  if (insuranceStatus === 'EXPIRED' && !held) {
    await placeHold(tx, supplier, 'INSURANCE_EXPIRED', { insuranceStatus });
    return 'HELD';
  }
  if (insuranceStatus !== 'EXPIRED' && held)
    return (await clearHold(tx, supplier, 'INSURANCE_EXPIRED', { insuranceStatus })) ? 'RELEASED' : null;
  if (insuranceStatus !== supplier.insuranceStatus)
    await tx.update(suppliers).set({ insuranceStatus, updatedAt: new Date() }).where(eq(suppliers.id, supplier.id));
  return null;
}

/** The daily insurance check, as of `today` (YYYY-MM-DD), one short transaction per supplier. */
export async function checkInsurance(db: Database, today: string): Promise<InsuranceCheckSummary> {
  const ids = await db
    .select({ id: suppliers.id })
    .from(suppliers)
    .where(inArray(suppliers.status, [...REVIEWED]));
  const summary: InsuranceCheckSummary = { checked: 0, expiringSoon: 0, putOnHold: 0, released: 0 };
  for (const { id } of ids) {
    const outcome = await db.transaction(async (tx) => {
      const supplier = await lockSupplier(tx, id);
      if (!supplier || !REVIEWED.includes(supplier.status)) return { outcome: null, status: null };
      const outcome = await reviewSupplier(tx, supplier, today);
      const [after] = await tx.select({ insuranceStatus: suppliers.insuranceStatus }).from(suppliers).where(eq(suppliers.id, id));
      return { outcome, status: after?.insuranceStatus ?? null };
    });
    summary.checked++;
    if (outcome.outcome === 'HELD') summary.putOnHold++;
    if (outcome.outcome === 'RELEASED') summary.released++;
    if (outcome.status === 'EXPIRING_SOON') summary.expiringSoon++;
  }
  return summary;
}

export interface RenewalResult {
  supplier: SupplierRow | null;
  userErrors: UserError[];
}

function certificateErrors(certificate: CertificateInput, today: string): UserError[] {
  const errors: UserError[] = [];
  const field = (name: string) => ['certificate', name];
  if (cleanText(certificate.carrier ?? '') === '')
    errors.push({ field: field('carrier'), code: 'REQUIRED', message: 'The insurance carrier is required' });
  if (cleanText(certificate.policyNumber ?? '') === '')
    errors.push({ field: field('policyNumber'), code: 'REQUIRED', message: 'The policy number is required' });
  const amount = certificate.coverageAmount ?? '';
  if (!isDecimalString(amount) || decimal(amount).lte(0))
    errors.push({
      field: field('coverageAmount'),
      code: 'INSURANCE_INSUFFICIENT',
      message: 'The coverage amount must be a positive decimal',
    });
  if (!certificate.expiresOn || certificate.expiresOn < today)
    errors.push({ field: field('expiresOn'), code: 'INSURANCE_EXPIRED', message: 'A renewed certificate must not be expired' });
  return errors;
}

/** Records a renewed certificate and re-judges the supplier at once: an insurance hold lifts without waiting for the daily check. */
export async function addInsuranceCertificate(
  db: Database,
  supplierId: string,
  certificate: CertificateInput,
  today: string,
): Promise<RenewalResult> {
  if (!isUuid(supplierId))
    return { supplier: null, userErrors: [{ field: ['supplierId'], code: 'NOT_FOUND', message: `There is no supplier ${supplierId}` }] };
  const userErrors = certificateErrors(certificate, today);
  if (userErrors.length > 0) return { supplier: null, userErrors };
  return db.transaction(async (tx) => {
    const supplier = await lockSupplier(tx, supplierId);
    if (!supplier)
      return { supplier: null, userErrors: [{ field: ['supplierId'], code: 'NOT_FOUND', message: `There is no supplier ${supplierId}` }] };
    await tx.insert(insuranceCertificates).values({
      id: newId(),
      supplierId,
      type: certificate.type,
      carrier: cleanText(certificate.carrier ?? ''),
      policyNumber: cleanText(certificate.policyNumber ?? ''),
      coverageAmount: certificate.coverageAmount!,
      expiresOn: certificate.expiresOn!,
    });
    if (REVIEWED.includes(supplier.status)) await reviewSupplier(tx, supplier, today);
    const [updated] = await tx.select().from(suppliers).where(eq(suppliers.id, supplierId));
    return { supplier: updated ?? null, userErrors: [] };
  });
}
