import type { FieldCipher } from '@procuregraph/platform/crypto';

/**
 * US tax and bank identifiers: the checks the vendor platform leaves to us (it only checks the
 * W-9 shape), so a supplier the ERP would later refuse is refused at the door instead.
 */

/** EIN prefixes the IRS has never assigned to a campus (product brief, "Domain facts"). */
const INVALID_EIN_PREFIXES = new Set([
  '00',
  '07',
  '08',
  '09',
  '17',
  '18',
  '19',
  '28',
  '29',
  '49',
  '69',
  '70',
  '78',
  '79',
  '89',
  '96',
  '97',
]);

export type TaxIdProblem = 'FORMAT' | 'PREFIX';

/** The nine digits of an EIN written `NN-NNNNNNN` or `NNNNNNNNN`, or what is wrong with it. */
export function parseTaxId(value: string): { digits: string } | { problem: TaxIdProblem } {
  const trimmed = value.trim();
  if (!/^\d{2}-?\d{7}$/.test(trimmed)) return { problem: 'FORMAT' };
  const digits = trimmed.replace('-', '');
  return INVALID_EIN_PREFIXES.has(digits.slice(0, 2)) ? { problem: 'PREFIX' } : { digits };
}

/** ABA checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function isValidRoutingNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const weights = [3, 7, 1];
  const total = [...value].reduce((sum, digit, index) => sum + Number(digit) * weights[index % 3]!, 0);
  return total % 10 === 0;
}

/**
 * Keyed hash of a bank account (routing and account number), so two suppliers paid into one
 * account (a classic vendor-fraud signal, and a record the ERP refuses) are found without
 * decrypting anything.
 */
export function bankAccountFingerprint(cipher: Pick<FieldCipher, 'fingerprint'>, routingNumber: string, accountNumber: string): string {
  return cipher.fingerprint(`bank:${routingNumber}:${accountNumber}`);
}

/** `**-***6789`-style masks keep the last four digits only. */
export function lastFour(digits: string): string {
  return digits.slice(-4);
}

/** EINs are shown as **-***6789: enough to recognise, too little to use. */
export function maskTaxId(last4: string): string {
  return `**-***${last4}`;
}
