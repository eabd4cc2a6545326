import { describe, expect, it } from 'vitest';
import { legalNameKey } from './legal-name.ts';

describe('legal name key', () => {
  it('ignores case, punctuation, spacing and the legal form', () => {
    expect(legalNameKey('Acme Medical Supply, Inc.')).toBe('acme medical supply');
    expect(legalNameKey('ACME  Medical-Supply Corp')).toBe('acme medical supply');
    expect(legalNameKey('Acme Medical Supply LLC')).toBe('acme medical supply');
    expect(legalNameKey('  acme medical supply incorporated ')).toBe('acme medical supply');
  });

  it('removes every trailing legal-form word, and only trailing ones', () => {
    expect(legalNameKey('Great Lakes Trading Co., Ltd.')).toBe('great lakes trading');
    expect(legalNameKey('Company Store Holdings Corporation')).toBe('company store holdings');
    expect(legalNameKey('Inc')).toBe('inc');
  });

  it('reads & as "and", drops apostrophes, periods and accents', () => {
    expect(legalNameKey('Harmon & Keller Systems Ltd.')).toBe(legalNameKey('Harmon and Keller Systems'));
    expect(legalNameKey("O'Brien Health IT LLC")).toBe('obrien health it');
    expect(legalNameKey('St. Clair Technology Group, Inc.')).toBe('st clair technology group');
    expect(legalNameKey('Société Générale Médicale S.A.')).toBe('societe generale medicale sa');
  });
});
