import { describe, expect, it } from 'vitest';
import { fingerprint, lineAmount, orderLineErrors, priceLines, type OrderLineInput } from './purchase-order-rules.ts';

const line = (quantity: string, unitPrice: string, itemNumber = 'ITEM-1'): OrderLineInput => ({
  itemNumber,
  description: 'Nitrile gloves, box of 100',
  quantity,
  unitOfMeasure: 'BX',
  unitPrice,
});

describe('pricing an order', () => {
  it('multiplies exactly: 3 × 19.99 = 59.97', () => {
    expect(lineAmount('3', '19.99')).toBe('59.97');
  });

  it('sums without binary float drift: 0.1 + 0.2 = 0.30', () => {
    const priced = priceLines([line('1', '0.1'), line('1', '0.2', 'ITEM-2')]);
    expect(priced.total).toBe('0.30');
  });

  it('rounds each line half-even to cents before totalling', () => {
    expect(lineAmount('1', '0.125')).toBe('0.12');
    expect(lineAmount('1', '0.135')).toBe('0.14');
    expect(lineAmount('2.5', '3.333')).toBe('8.33');
    expect(priceLines([line('1', '0.125'), line('1', '0.135', 'ITEM-2')]).total).toBe('0.26');
  });

  it('numbers the lines from 1 and normalizes the decimals', () => {
    const priced = priceLines([line('3.000', '19.990'), line('0.5', '1200.00', 'ITEM-2')]);
    expect(priced.lines.map((entry) => [entry.lineNumber, entry.quantity, entry.unitPrice, entry.amount])).toEqual([
      [1, '3', '19.99', '59.97'],
      [2, '0.5', '1200', '600.00'],
    ]);
    expect(priced.total).toBe('659.97');
  });

  it('keeps large totals exact', () => {
    expect(priceLines([line('999999', '999999.99')]).total).toBe('999998990000.01');
  });
});

describe('order line rules', () => {
  it('needs at least one line', () => {
    expect(orderLineErrors([]).map((error) => error.code)).toEqual(['REQUIRED']);
  });

  it('refuses zero or negative quantities and prices, naming the field', () => {
    const errors = orderLineErrors([line('0', '1'), line('1', '-2'), line('-1', '0')]);
    expect(errors.map((error) => [error.code, error.field?.join('.')])).toEqual([
      ['INVALID_QUANTITY', 'input.lines.0.quantity'],
      ['INVALID_PRICE', 'input.lines.1.unitPrice'],
      ['INVALID_QUANTITY', 'input.lines.2.quantity'],
      ['INVALID_PRICE', 'input.lines.2.unitPrice'],
    ]);
  });

  it('refuses blank item numbers, descriptions and units', () => {
    expect(orderLineErrors([{ ...line('1', '1'), itemNumber: ' ', unitOfMeasure: '' }]).map((error) => error.code)).toEqual([
      'REQUIRED',
      'REQUIRED',
    ]);
  });

  it('accepts a valid order', () => {
    expect(orderLineErrors([line('3', '19.99')])).toEqual([]);
  });
});

describe('request fingerprints', () => {
  it('are equal for the same normalized request and differ otherwise', () => {
    const a = priceLines([line('3', '19.99')]).lines;
    const b = priceLines([line('3.00', '19.990')]).lines;
    const c = priceLines([line('4', '19.99')]).lines;
    expect(fingerprint({ supplierId: 's', lines: a })).toBe(fingerprint({ supplierId: 's', lines: b }));
    expect(fingerprint({ supplierId: 's', lines: a })).not.toBe(fingerprint({ supplierId: 's', lines: c }));
  });
});
