import { legalNameKey } from '../supplier/legal-name.ts';
import type { LeieEntry } from './leie-csv.ts';

export type ScreeningOutcome = { status: 'CLEAR' } | { status: 'EXCLUDED' | 'POTENTIAL_MATCH'; entry: LeieEntry; reason: string };

export interface ScreeningSubject {
  legalName: string;
  /** Two-letter state code, when the supplier has a US address. */
  state: string | null;
}

export interface ExclusionList {
  /** Entries loaded, reinstated ones included. */
  readonly size: number;
  screen(subject: ScreeningSubject): ScreeningOutcome;
}

/** Two names are a potential match when they share this much of their words (Jaccard). */
const SIMILARITY_THRESHOLD = 0.6;
/** Candidates come from the subject's rarest words only, so a common word ("medical") costs nothing. */
const CANDIDATE_WORDS = 2;

interface IndexedEntry {
  entry: LeieEntry;
  key: string;
  words: ReadonlySet<string>;
  isBusiness: boolean;
}

function entryName(entry: LeieEntry): string {
  return entry.businessName !== '' ? entry.businessName : `${entry.firstName} ${entry.lastName}`;
}

function jaccard(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

function describe(entry: LeieEntry): string {
  const where = entry.state ? ` (${entry.state})` : '';
  return `${entryName(entry)}${where}, excluded ${entry.excludedOn ?? 'on an unknown date'} under ${entry.exclusionType || 'an unknown authority'}`;
}

/**
 * Indexes the active entries of an LEIE file by normalized name (exact matches) and by word (near
 * matches). Reinstated entries are left out: they must not match. An exact business-name match in
 * the same state (or where either has none) is an exclusion; anything less certain is a potential
 * match for a compliance reviewer, individuals included, since a person's name alone proves little.
 */
export function buildExclusionList(entries: readonly LeieEntry[]): ExclusionList {
  const byKey = new Map<string, IndexedEntry[]>();
  const byWord = new Map<string, IndexedEntry[]>();
  for (const entry of entries) {
    if (entry.reinstatedOn !== null) continue;
    const key = legalNameKey(entryName(entry));
    if (key === '') continue;
    const indexed: IndexedEntry = { entry, key, words: new Set(key.split(' ')), isBusiness: entry.businessName !== '' };
    byKey.set(key, [...(byKey.get(key) ?? []), indexed]);
    for (const word of indexed.words) {
      const list = byWord.get(word);
      if (list) list.push(indexed);
      else byWord.set(word, [indexed]);
    }
  }

  function exactOutcome(key: string, state: string | null): ScreeningOutcome | null {
    const matches = byKey.get(key) ?? [];
    const sameState = matches.find((match) => match.isBusiness && (!state || !match.entry.state || match.entry.state === state));
    if (sameState) return { status: 'EXCLUDED', entry: sameState.entry, reason: `Excluded by the HHS-OIG: ${describe(sameState.entry)}` };
    const other = matches[0];
    return other ? { status: 'POTENTIAL_MATCH', entry: other.entry, reason: `Same name as ${describe(other.entry)}` } : null;
  }

  function nearOutcome(words: ReadonlySet<string>): ScreeningOutcome {
    const rarest = [...words]
      .filter((word) => byWord.has(word))
      .sort((a, b) => (byWord.get(a)?.length ?? 0) - (byWord.get(b)?.length ?? 0))
      .slice(0, CANDIDATE_WORDS);
    let best: { indexed: IndexedEntry; score: number } | null = null;
    for (const word of rarest) {
      for (const candidate of byWord.get(word) ?? []) {
        const score = jaccard(words, candidate.words);
        if (score >= SIMILARITY_THRESHOLD && (!best || score > best.score)) best = { indexed: candidate, score };
      }
    }
    if (!best) return { status: 'CLEAR' };
    return { status: 'POTENTIAL_MATCH', entry: best.indexed.entry, reason: `Similar to ${describe(best.indexed.entry)}` };
  }

  return {
    size: entries.length,
    screen(subject) {
      const key = legalNameKey(subject.legalName);
      return exactOutcome(key, subject.state) ?? nearOutcome(new Set(key.split(' ')));
    },
  };
}
