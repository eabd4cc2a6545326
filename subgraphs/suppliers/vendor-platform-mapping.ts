import type { Registration, RegistrationCreate } from '@procuregraph/connector-vendor-platform';
import type { OnboardingInput } from './supplier/registration.ts';
import { insuranceTypes, type ContactValue, type InsuranceType } from './db/tables.ts';
import type { SupplierIdentity } from './supplier/identity.ts';
import { legalFormOf, type LegalForm } from './supplier/legal-name.ts';

/**
 * Vendor-platform registrations in canonical terms. Whatever is wrong with a registration is for
 * onboarding validation to report (and the platform to hear back), not a reason to drop it here.
 */

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

/** A registration (the full record, TIN and account number included) as onboarding input. */
export function fromRegistration(registration: Registration): RegistrationView {
  const { address, contact, bank } = registration;
  return {
    registrationId: registration.id,
    status: registration.status,
    input: {
      legalName: registration.legalName,
      dbaName: registration.dbaName,
      taxId: registration.tin,
      address: address
        ? {
            line1: address.street1,
            line2: address.street2,
            city: address.city,
            region: address.state,
            postalCode: address.zip,
            country: address.country,
          }
        : null,
      contact: contact ? { name: contact.fullName, email: contact.email, phone: contact.phone } : null,
      bankAccount: bank
        ? {
            routingNumber: bank.routingNumber,
            accountNumber: bank.accountNumber,
            accountType: bank.accountType === 'savings' ? 'SAVINGS' : bank.accountType === 'checking' ? 'CHECKING' : null,
          }
        : null,
      insuranceCertificates: (registration.insurance ?? []).flatMap((certificate) => {
        const type = insuranceType(certificate.kind);
        if (!type) return [];
        const coverage = certificate.coverageLimit?.value;
        return [
          {
            type,
            carrier: certificate.insurer,
            policyNumber: certificate.policyNumber,
            coverageAmount: coverage === undefined ? null : String(coverage),
            expiresOn: certificate.expirationDate,
          },
        ];
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
export function toRegistration(record: EnrollmentRecord): RegistrationCreate {
  const { address, contact, bankAccount } = record;
  return {
    legalName: record.legalName,
    dbaName: record.dbaName,
    tin: record.taxId,
    tinType: 'ein',
    taxClassification: taxClassifications[legalFormOf(record.legalName)],
    address: {
      street1: address.line1,
      street2: address.line2,
      city: address.city,
      state: address.region,
      zip: address.postalCode,
      country: address.country,
    },
    contact: { fullName: contact?.name ?? record.legalName, email: contact?.email ?? null, phone: contact?.phone ?? null },
    bank: bankAccount
      ? {
          routingNumber: bankAccount.routingNumber,
          accountNumber: bankAccount.accountNumber,
          accountType: bankAccount.accountType.toLowerCase(),
        }
      : null,
    insurance: record.insuranceCertificates.map((certificate) => ({
      kind: certificate.type.toLowerCase(),
      insurer: certificate.carrier,
      policyNumber: certificate.policyNumber,
      coverageLimit: { value: certificate.coverageAmount, currency: 'USD' },
      expirationDate: certificate.expiresOn,
    })),
  };
}
