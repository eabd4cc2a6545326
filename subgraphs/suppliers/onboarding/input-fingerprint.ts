import { createHash } from 'node:crypto';
import type { NormalizedSupplier } from './validation.ts';
import type { OnboardingInput } from '../supplier/registration.ts';

/** JSON with object keys sorted, so equal values always serialize alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * sha256 of the normalized registration: two submissions that mean the same supplier (spacing,
 * case, EIN with or without hyphen) have one fingerprint, so a retried request is recognised.
 */
export function inputFingerprint(supplier: NormalizedSupplier): string {
  return createHash('sha256').update(canonicalJson(supplier)).digest('hex');
}

function mask(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  const digits = value.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}

/** The registration as submitted, for the record, with the TIN and account number masked. */
export function submittedRecord(input: OnboardingInput): Record<string, unknown> {
  return {
    ...input,
    taxId: mask(input.taxId),
    bankAccount: input.bankAccount ? { ...input.bankAccount, accountNumber: mask(input.bankAccount.accountNumber) } : null,
  };
}
