/**
 * Contact and address normalization. Phone numbers: only the North American Numbering Plan is
 * parsed (a US health network's suppliers); other numbers are accepted when already in E.164.
 * A library such as libphonenumber-js would cover every country.
 */

const US_REGIONS = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI'.split(
    ' ',
  ),
);

/** E.164 for a NANP number written any usual way ("(614) 555-0100", "1-614-555-0100"), else null. */
export function toE164(phone: string): string | null {
  const trimmed = phone.trim();
  if (trimmed.startsWith('+') && !trimmed.startsWith('+1')) {
    const digits = trimmed.slice(1).replace(/[\s().-]/g, '');
    return /^[2-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
  }
  if (/[^\d\s().+-]/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  // NANP: area code and exchange both start with 2-9.
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) ? `+1${national}` : null;
}

export function normalizeEmail(email: string): string | null {
  const normalized = email.trim().toLowerCase();
  return /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(normalized) ? normalized : null;
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
  return line.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}
