import { Decimal } from 'decimal.js';
import { decimal, sum, type ExactDecimal } from '@procuregraph/platform/money';

/** A line's amount: quantity × unit price, rounded half-up to the cent as invoices are printed. */
export function lineAmount(quantity: string, unitPrice: string): ExactDecimal {
  return decimal(quantity).times(unitPrice).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The invoice total is the sum of its (rounded) line amounts, so it always equals what the lines show. */
export function invoiceTotal(lines: readonly { quantity: string; unitPrice: string }[]): ExactDecimal {
  return sum(lines.map((line) => lineAmount(line.quantity, line.unitPrice)));
}
