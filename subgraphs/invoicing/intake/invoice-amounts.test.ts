import { describe, expect, it } from 'vitest';
import { invoiceTotal, lineAmount } from './invoice-amounts.ts';

describe('invoice amounts', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(
      invoiceTotal([
        { quantity: '1', unitPrice: '0.1' },
        { quantity: '1', unitPrice: '0.2' },
      ]).toFixed(2),
    ).toBe('0.30');
  });

  it('multiplies 3 × 19.99 to exactly 59.97, and 3 × 0.1 to exactly 0.3', () => {
    expect(lineAmount('3', '19.99').toFixed(2)).toBe('59.97');
    expect(3 * 0.1).not.toBe(0.3);
    expect(lineAmount('3', '0.1').toFixed(2)).toBe('0.30');
    expect(
      invoiceTotal([
        { quantity: '3', unitPrice: '19.99' },
        { quantity: '3', unitPrice: '0.1' },
      ]).toFixed(2),
    ).toBe('60.27');
  });

  it('sums lines to 1234567.89 without drift', () => {
    const lines = [
      { quantity: '1', unitPrice: '1234567.00' },
      { quantity: '3', unitPrice: '0.10' },
      { quantity: '1', unitPrice: '0.59' },
    ];
    expect(1234567 + 3 * 0.1 + 0.59).not.toBe(1234567.89);
    expect(invoiceTotal(lines).toFixed(2)).toBe('1234567.89');
  });

  it('rounds a line half-up to the cent, and totals the rounded lines', () => {
    expect(lineAmount('2.5', '0.333333').toFixed(2)).toBe('0.83');
    expect(lineAmount('1', '0.125').toFixed(2)).toBe('0.13');
    expect(
      invoiceTotal([
        { quantity: '1', unitPrice: '0.125' },
        { quantity: '1', unitPrice: '0.125' },
      ]).toFixed(2),
    ).toBe('0.26');
  });
});
