/** Legal-form words that say nothing about who the company is. */
const CORPORATE_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'pllc',
  'pc',
  'plc',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
]);

/**
 * The form of a legal name that duplicate detection and search compare: "Acme Medical Supply,
 * Inc." and "ACME  Medical-Supply Corp" both become "acme medical supply". Accents are dropped,
 * `&` reads as "and", apostrophes and periods vanish ("O'Brien", "U.S."), other punctuation
 * separates words, and trailing legal-form words are removed (all of them: "Co., Ltd.").
 */
export function legalNameKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  while (words.length > 1 && CORPORATE_SUFFIXES.has(words.at(-1)!)) words.pop();
  return words.join(' ');
}

export type LegalForm = 'LLC' | 'PARTNERSHIP' | 'CORPORATION';

/**
 * The legal form a name ends with ("… LLC", "… L.L.P.", "… Partners"); companies are the default.
 * Onboarding does not ask for the form, and both the ERP and the vendor platform want one.
 */
export function legalFormOf(legalName: string): LegalForm {
  const name = legalName.trim();
  if (/\b(P\.?)?L\.?L\.?C\.?$/i.test(name)) return 'LLC';
  if (/\b(L\.?L\.?P\.?|L\.?P\.?|Partners|Partnership)$/i.test(name)) return 'PARTNERSHIP';
  return 'CORPORATION';
}
