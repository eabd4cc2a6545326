import { describe, expect, it } from 'vitest';
import { decimal, formatAmount, formatDecimal, isDecimalString, money, sum } from './money.ts';

describe('exact money', () => {
  it('adds what a binary float gets wrong', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sum(['0.1', '0.2']).toFixed()).toBe('0.3');
    expect(sum(['1234567890123.10', '0.20', '0.01']).toFixed()).toBe('1234567890123.31');
  });

  it('formats amounts to the currency minor unit, keeping extra precision when present', () => {
    expect(formatAmount('1234.5', 'USD')).toBe('1234.50');
    expect(formatAmount('1234.5000', 'USD')).toBe('1234.50');
    expect(formatAmount('12.3456', 'USD')).toBe('12.3456');
    expect(formatAmount('1500', 'JPY')).toBe('1500');
    expect(money(decimal('3').times('19.99'), 'USD')).toEqual({ amount: '59.97', currency: 'USD' });
  });

  it('formats quantities without trailing zeros', () => {
    expect(formatDecimal('12.500000')).toBe('12.5');
    expect(formatDecimal('10.000000')).toBe('10');
  });

  it('accepts decimal strings only', () => {
    expect(isDecimalString('1234.50')).toBe(true);
    expect(isDecimalString('-0.5')).toBe(true);
    expect(isDecimalString('1e5')).toBe(false);
    expect(isDecimalString('12.')).toBe(false);
    expect(isDecimalString('0012')).toBe(false);
    expect(isDecimalString('1.1234567')).toBe(false);
  });
});
