import { z } from 'zod';
import type { OnboardingInput } from '../supplier/registration.ts';
import { insuranceTypes, type ContactValue, type InsuranceType } from '../db/tables.ts';
import type { SupplierIdentity } from '../supplier/identity.ts';
import { legalFormOf, type LegalForm } from '../supplier/legal-name.ts';

/**
 * Vendor-platform registrations in canonical terms. Read leniently: whatever is wrong with a
 * registration is for onboarding validation to report (and the platform to hear back), not a
 * reason to drop it here.
 */

const text = z.string().nullish();
const registrationPayload = z
  .object({
    id: z.string(),
    status: z.string(),
    legalName: text,
    dbaName: text,
    tin: text,
    address: z.object({ street1: text, street2: text, city: text, state: text, zip: text, country: text }).loose().nullish(),
    contact: z.object({ fullName: text, email: text, phone: text }).loose().nullish(),
    bank: z.object({ routingNumber: text, accountNumber: text, accountType: text }).loose().nullish(),
    insurance: z
      .array(z.object({ kind: z.string(), insurer: text, policyNumber: text, coverageLimit: z.object({ value: z.union([z.string(), z.number()]) }).loose().nullish(), expirationDate: text }).loose())
      .nullish(),
  })
  .loose();

export interface RegistrationView {
  registrationId: string;
  /** submitted, approved or rejected. */
  status: string;
  input: OnboardingInput;
}

function insuranceType(kind: string): InsuranceType | null {
  const type = kind.toUpperCase();
  return (insuranceTypes as readonly string[]).includes(type) ? (type as InsuranceType) : null;
}

/** Reads `GET /api/v1/registrations/{id}` (the full record, TIN and account number included). */
export function fromRegistration(body: unknown): RegistrationView {
  const registration = registrationPayload.parse(body);
  const { address, contact, bank } = registration;
  return {
    registrationId: registration.id,
    status: registration.status,
    input: {
      legalName: registration.legalName,
      dbaName: registration.dbaName,
      taxId: registration.tin,
      address: address ? { line1: address.street1, line2: address.street2, city: address.city, region: address.state, postalCode: address.zip, country: address.country } : null,
      contact: contact ? { name: contact.fullName, email: contact.email, phone: contact.phone } : null,
      bankAccount: bank ? { routingNumber: bank.routingNumber, accountNumber: bank.accountNumber, accountType: bank.accountType === 'savings' ? 'SAVINGS' : bank.accountType === 'checking' ? 'CHECKING' : null } : null,
      insuranceCertificates: (registration.insurance ?? []).flatMap((certificate) => {
        const type = insuranceType(certificate.kind);
        if (!type) return [];
        const coverage = certificate.coverageLimit?.value;
        return [{ type, carrier: certificate.insurer, policyNumber: certificate.policyNumber, coverageAmount: coverage === undefined ? null : String(coverage), expiresOn: certificate.expirationDate }];
      }),
    },
  };
}

/** A supplier known to Procuregraph, as the platform's registration form wants it (full TIN and account). */
export interface EnrollmentRecord extends SupplierIdentity {
  contact: ContactValue | null;
  insuranceCertificates: { type: InsuranceType; carrier: string; policyNumber: string; coverageAmount: string; expiresOn: string }[];
}

/** The W-9 classification of a legal form; the supplier corrects it on the portal if need be. */
const taxClassifications: Record<LegalForm, 'llc' | 'partnership' | 'c_corporation'> = {
  LLC: 'llc',
  PARTNERSHIP: 'partnership',
  CORPORATION: 'c_corporation',
};

/** The body of `POST /api/v1/registrations` for a supplier onboarded through the graph. */
export function toRegistration(record: EnrollmentRecord): unknown {
  const { address, contact, bankAccount } = record;
  return {
    legalName: record.legalName,
    dbaName: record.dbaName,
    tin: record.taxId,
    tinType: 'ein',
    taxClassification: taxClassifications[legalFormOf(record.legalName)],
    address: { street1: address.line1, street2: address.line2, city: address.city, state: address.region, zip: address.postalCode, country: address.country },
    contact: { fullName: contact?.name ?? record.legalName, email: contact?.email ?? null, phone: contact?.phone ?? null },
    bank: bankAccount ? { routingNumber: bankAccount.routingNumber, accountNumber: bankAccount.accountNumber, accountType: bankAccount.accountType.toLowerCase() } : null,
    insurance: record.insuranceCertificates.map((certificate) => ({
      kind: certificate.type.toLowerCase(),
      insurer: certificate.carrier,
      policyNumber: certificate.policyNumber,
      coverageLimit: { value: certificate.coverageAmount, currency: 'USD' },
      expirationDate: certificate.expiresOn,
    })),
  };
}

const createdRegistration = z.object({ id: z.string().min(1) }).loose();

/** The platform's id of a registration it has just created. */
export function registrationIdOf(body: unknown): string {
  return createdRegistration.parse(body).id;
}

const problem = z.object({ title: z.string().optional(), detail: z.string().optional(), code: z.string().optional() }).loose();

/** "invalid_state: …" from an RFC 9457 problem body. */
export function describeProblem(body: unknown): string {
  const parsed = problem.safeParse(body);
  if (!parsed.success) return typeof body === 'string' ? body.slice(0, 200) : 'no error details';
  return `${parsed.data.code ?? 'error'}: ${parsed.data.detail ?? parsed.data.title ?? ''}`;
}
