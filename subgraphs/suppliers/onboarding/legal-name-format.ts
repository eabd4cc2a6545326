import { cleanText } from './contact-normalization.ts';

/** Spellings of a legal form, and the one form the supplier master stores. */
const SUFFIX_FORMS: ReadonlyArray<[RegExp, string]> = [
  [/^(inc\.?|incorporated)$/i, 'Inc.'],
  [/^(llc|l\.l\.c\.?)$/i, 'LLC'],
  [/^(corp\.?|corporation)$/i, 'Corp.'],
  [/^(ltd\.?|limited)$/i, 'Ltd.'],
  [/^(llp|l\.l\.p\.?)$/i, 'LLP'],
  [/^(co\.?)$/i, 'Co.'],
];

const SMALL_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'at', 'de']);

function titleWord(word: string, first: boolean): string {
  // Codes like "3M" or "B2B" are written as their owner writes them.
  if (/\d/.test(word)) return word;
  const lower = word.toLowerCase();
  if (!first && SMALL_WORDS.has(lower)) return lower;
  return lower.replace(/(^|[-'’/&])(\p{L})/gu, (_match, separator: string, letter: string) => separator + letter.toUpperCase());
}

/**
 * Names typed all in capitals or all in lower case are re-cased; mixed-case names ("McKesson",
 * "3M") are kept as their owner wrote them.
 */
function recase(words: string[]): string[] {
  const joined = words.join(' ');
  const uniform = joined === joined.toUpperCase() || joined === joined.toLowerCase();
  return uniform ? words.map((word, index) => titleWord(word, index === 0)) : words;
}

/** "ACME MEDICAL SUPPLY, incorporated" → "Acme Medical Supply Inc.". */
export function formatLegalName(name: string): string {
  const words = cleanText(name)
    .replace(/\s*,\s*/g, ', ')
    .split(' ');
  const last = words.at(-1)?.replace(/,$/, '') ?? '';
  const form = SUFFIX_FORMS.find(([pattern]) => pattern.test(last))?.[1];
  const body = form && words.length > 1 ? words.slice(0, -1) : words;
  const cased = recase(body);
  if (!form || words.length === 1) return cased.join(' ');
  // The comma before a legal form is a matter of style; one stored spelling keeps names comparable.
  const withoutComma = cased.join(' ').replace(/,$/, '');
  return `${withoutComma} ${form}`;
}
