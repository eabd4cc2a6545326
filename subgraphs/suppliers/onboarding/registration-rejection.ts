import type { UserError } from '@procuregraph/platform/graphql';

/**
 * What the applicant is told for each refusal. Neutral on purpose: the note leaves the network
 * for the vendor platform, so it names no other supplier and no exclusion-list entry.
 */
const neutralReasons: Record<string, string> = {
  REQUIRED: 'a required field is missing',
  FORMAT: 'a field is not in the expected format',
  INVALID_TAX_ID: 'the tax id is not a valid EIN',
  INVALID_ROUTING_NUMBER: 'the bank routing number is not valid',
  INVALID_ACCOUNT_NUMBER: 'the bank account number is not valid',
  INVALID_ADDRESS: 'the address is not valid',
  INVALID_EMAIL: 'the e-mail address is not valid',
  INVALID_PHONE: 'the phone number is not valid',
  INSURANCE_EXPIRED: 'an insurance certificate has expired',
  INSURANCE_INSUFFICIENT: 'the insurance cover is not sufficient',
  DUPLICATE_SUPPLIER: 'the registration matches a supplier already registered',
  EXCLUDED_PARTY: 'the registration cannot be accepted after compliance screening',
};

const otherReason = 'the registration cannot be accepted';

/** "INVALID_TAX_ID (taxId): the tax id is not a valid EIN; …": a code, the field, a neutral reason. */
export function registrationRejectionNote(errors: readonly UserError[]): string {
  return errors
    .map((error) => {
      const field = error.field?.filter((part) => part !== 'input').join('.') || 'registration';
      return `${error.code} (${field}): ${neutralReasons[error.code] ?? otherReason}`;
    })
    .join('; ');
}
