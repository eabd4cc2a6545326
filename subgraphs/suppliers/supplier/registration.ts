import type { BankAccountType, InsuranceType, SupplierCategory } from '../db/tables.ts';

/** A registration as submitted, from the graph or the vendor platform; every field may be missing or wrong. */
export interface OnboardingInput {
  legalName?: string | null;
  dbaName?: string | null;
  taxId?: string | null;
  category?: SupplierCategory | null;
  address?: {
    line1?: string | null;
    line2?: string | null;
    city?: string | null;
    region?: string | null;
    postalCode?: string | null;
    country?: string | null;
  } | null;
  contact?: { name?: string | null; email?: string | null; phone?: string | null } | null;
  bankAccount?: { routingNumber?: string | null; accountNumber?: string | null; accountType?: BankAccountType | null } | null;
  insuranceCertificates?: ReadonlyArray<CertificateInput> | null;
}

export interface CertificateInput {
  type: InsuranceType;
  carrier?: string | null;
  policyNumber?: string | null;
  coverageAmount?: string | null;
  expiresOn?: string | null;
}
