import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Contact and address normalization. Phone numbers are read with libphonenumber-js's full
 * metadata, which knows every country's numbering plan (valid area codes and exchanges, lengths).
 */

const US_REGIONS = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI'.split(
    ' ',
  ),
);

/**
 * E.164 for a phone number written any usual way ("(614) 555-0100", "+44 20 7946 0958"); a number
 * without a country code is read as one of `country`. Null when it is not a valid number there.
 * An extension ("x12") is dropped: E.164 has no place for it.
 */
export function toE164(phone: string, country: string = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(phone.trim(), country as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

export function normalizeEmail(email: string): string | null {
  const normalized = email.trim().toLowerCase();
  return /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(normalized)
    ? normalized
    : null;
}

/** Collapses inner whitespace: "123  Main St " → "123 Main St". */
export function cleanText(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

export function isKnownUsRegion(region: string): boolean {
  return US_REGIONS.has(region);
}

/** ZIP or ZIP+4 in USPS form ("43215", "43215-1234"), else null. */
export function formatZip(postalCode: string): string | null {
  const digits = postalCode.trim();
  const match = /^(\d{5})(?:[-\s]?(\d{4}))?$/.exec(digits);
  if (!match) return null;
  return match[2] ? `${match[1]}-${match[2]}` : match[1]!;
}

/** What duplicate detection compares of an address line: letters and digits, lower case. */
export function addressLineKey(line: string): string {
  return line
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
