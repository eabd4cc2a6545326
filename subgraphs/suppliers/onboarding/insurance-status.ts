import type { InsuranceStatus, InsuranceType, SupplierCategory } from '../db/tables.ts';
import { CLINICAL_CATEGORIES } from './validation.ts';

/** How far ahead an expiry is flagged. */
export const EXPIRY_WARNING_DAYS = 30;

interface DatedCertificate {
  type: InsuranceType;
  expiresOn: string;
}

function requiredTypes(category: SupplierCategory): InsuranceType[] {
  return CLINICAL_CATEGORIES.has(category) ? ['GENERAL_LIABILITY', 'PROFESSIONAL_LIABILITY'] : ['GENERAL_LIABILITY'];
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Judged on the required cover only, each type by its latest certificate (a renewal supersedes
 * the lapsed one): EXPIRED when one has lapsed, EXPIRING_SOON when one lapses within 30 days.
 */
export function insuranceStatusOn(certificates: readonly DatedCertificate[], category: SupplierCategory, today: string): InsuranceStatus {
  const latest = requiredTypes(category)
    .map((type) =>
      certificates
        .filter((certificate) => certificate.type === type)
        .map((certificate) => certificate.expiresOn)
        .sort()
        .at(-1),
    )
    .filter((expiresOn): expiresOn is string => expiresOn !== undefined);
  if (latest.some((expiresOn) => expiresOn < today)) return 'EXPIRED';
  const horizon = addDays(today, EXPIRY_WARNING_DAYS);
  return latest.some((expiresOn) => expiresOn <= horizon) ? 'EXPIRING_SOON' : 'VALID';
}
