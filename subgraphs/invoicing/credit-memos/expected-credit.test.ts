import { describe, expect, it } from 'vitest';
import type { InvoiceRow, MatchExceptionRow } from '../db/tables.ts';
import { expectedCredit } from './expected-credit.ts';

const invoice = { id: 'invoice', total: '118.00' } as InvoiceRow;
const lines = [
  { lineNumber: 1, quantity: '3', unitPrice: '10.333', amount: '31.00' },
  { lineNumber: 2, quantity: '4', unitPrice: '20', amount: '80.00' },
];

function requested(exception: Partial<MatchExceptionRow>): MatchExceptionRow {
  return { lineNumber: null, expected: null, actual: null, resolution: 'CREDIT_MEMO_REQUESTED', ...exception } as MatchExceptionRow;
}

describe('the credit a "credit memo requested" resolution expects', () => {
  it('is the amount billed above the expected price, each side rounded to the cent', () => {
    const price = requested({ code: 'PRICE_VARIANCE', lineNumber: 1, expected: '10', actual: '10.333' });
    expect(expectedCredit(invoice, [price], lines).toFixed()).toBe('1');
    // A second finding for the same line and price counts once.
    expect(expectedCredit(invoice, [price, { ...price }], lines).toFixed()).toBe('1');
  });

  it('is the excess quantity at the unit price, at most what the invoice billed on the line', () => {
    expect(
      expectedCredit(invoice, [requested({ code: 'QUANTITY_VARIANCE', lineNumber: 2, expected: '3', actual: '4' })], lines).toFixed(),
    ).toBe('20');
    expect(expectedCredit(invoice, [requested({ code: 'NOT_RECEIVED', lineNumber: 2, expected: '0', actual: '9' })], lines).toFixed()).toBe(
      '80',
    );
  });

  it('is the tax and freight over the allowance, the line without amounts, or the invoice', () => {
    const over = requested({ code: 'TAX_FREIGHT_OVER_ALLOWANCE', expected: '5', actual: '7' });
    expect(expectedCredit(invoice, [over], lines).toFixed()).toBe('2');
    expect(expectedCredit(invoice, [requested({ code: 'NO_PURCHASE_ORDER', lineNumber: 2, actual: '2' })], lines).toFixed()).toBe('80');
    expect(
      expectedCredit(invoice, [requested({ code: 'SUPPLIER_INACTIVE', expected: 'ACTIVE', actual: 'INACTIVE' })], lines).toFixed(),
    ).toBe('118');
  });

  it('is nothing when no exception was resolved that way', () => {
    const overridden = {
      ...requested({ code: 'PRICE_VARIANCE', lineNumber: 1, expected: '10', actual: '10.333' }),
      resolution: 'OVERRIDDEN',
    };
    expect(expectedCredit(invoice, [overridden as MatchExceptionRow], lines).toFixed()).toBe('0');
  });
});
