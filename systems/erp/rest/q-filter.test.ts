import { describe, expect, it } from 'vitest';
import { matchesAll, parseQ } from './q-filter.ts';

const attributes = new Set(['Supplier', 'Status', 'Total', 'SupplierId', 'CreationDate', 'accountOwners.AccountOwnerPartyIdentifier']);
const row = {
  Supplier: 'Acme; Inc',
  Status: 'ACTIVE',
  Total: '100.50',
  SupplierId: 42,
  CreationDate: '2024-03-01T10:00:00Z',
  accountOwners: [{ AccountOwnerPartyIdentifier: 7 }],
};
const matches = (q: string) => matchesAll(row, parseQ(q, attributes));

describe('Fusion q filter', () => {
  it('matches equality clauses joined by ;, with quoted values that may hold a ;', () => {
    expect(matches("Supplier='Acme; Inc';Status=ACTIVE")).toBe(true);
    expect(matches('Supplier="Acme; Inc";Status=INACTIVE')).toBe(false);
    expect(matches('SupplierId=42')).toBe(true);
  });

  it('compares numbers, decimal strings and dates by value', () => {
    expect(matches('Total>100.5')).toBe(false);
    expect(matches('Total>=100.5')).toBe(true);
    expect(matches('Total<99')).toBe(false);
    expect(matches('SupplierId!=41')).toBe(true);
    expect(matches('CreationDate>2024-02-28')).toBe(true);
  });

  it('matches a child attribute when any child matches', () => {
    expect(matches('accountOwners.AccountOwnerPartyIdentifier=7')).toBe(true);
    expect(matches('accountOwners.AccountOwnerPartyIdentifier=8')).toBe(false);
  });

  it('refuses unknown attributes and unreadable clauses', () => {
    expect(() => parseQ('Colour=red', attributes)).toThrow(/not a queryable attribute/);
    expect(() => parseQ('Supplier', attributes)).toThrow(/cannot read/);
    expect(() => parseQ("Supplier='open", attributes)).toThrow(/not closed/);
  });
});
