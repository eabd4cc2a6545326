import { describe, expect, it } from 'vitest';
import { normalizedInvoiceNumber } from './invoice-number.ts';

describe('normalized invoice numbers', () => {
  it('ignores case, blanks, separators and leading zeros', () => {
    expect(['INV-42', 'inv 00042', 'Inv42', ' inv_0042 ', 'INV/042'].map(normalizedInvoiceNumber)).toEqual([
      'INV42',
      'INV42',
      'INV42',
      'INV42',
      'INV42',
    ]);
    expect(normalizedInvoiceNumber('000123')).toBe('123');
  });

  it('keeps zeros that are part of a number, and keeps different numbers apart', () => {
    expect(normalizedInvoiceNumber('INV-1020')).toBe('INV1020');
    expect(normalizedInvoiceNumber('A0B0')).toBe('A0B0');
    expect(normalizedInvoiceNumber('INV-42')).not.toBe(normalizedInvoiceNumber('INV-420'));
    expect(normalizedInvoiceNumber('0')).toBe('0');
  });
});
