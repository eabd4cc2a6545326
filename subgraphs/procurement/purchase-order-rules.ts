import { decimal, ExactDecimal, formatDecimal, sum } from '@procuregraph/platform/money';
import type { UserError } from '@procuregraph/platform/graphql';

/** One line as a client orders it; quantity and price are decimal strings. */
export interface OrderLineInput {
  itemNumber: string;
  description: string;
  quantity: string;
  unitOfMeasure: string;
  unitPrice: string;
}

export interface PricedLine extends OrderLineInput {
  lineNumber: number;
  amount: string;
}

export interface PricedOrder {
  lines: PricedLine[];
  total: string;
}

const CENTS = 2;

/** Quantity × price, rounded half-even to cents: the amount the ERP and the invoice match agree on. */
export function lineAmount(quantity: string, unitPrice: string): string {
  return decimal(quantity).times(unitPrice).toDecimalPlaces(CENTS, ExactDecimal.ROUND_HALF_EVEN).toFixed(CENTS);
}

/** Numbers the lines from 1 in the order given and totals the rounded line amounts. */
export function priceLines(lines: readonly OrderLineInput[]): PricedOrder {
  const priced = lines.map((line, index) => ({
    ...line,
    quantity: formatDecimal(line.quantity),
    unitPrice: formatDecimal(line.unitPrice),
    lineNumber: index + 1,
    amount: lineAmount(line.quantity, line.unitPrice),
  }));
  return { lines: priced, total: sum(priced.map((line) => line.amount)).toFixed(CENTS) };
}

/** Every problem with the lines at once, so a client can fix them in one round trip. */
export function orderLineErrors(lines: readonly OrderLineInput[]): UserError[] {
  if (lines.length === 0) return [{ field: ['input', 'lines'], message: 'An order needs at least one line.', code: 'REQUIRED' }];
  return lines.flatMap((line, index) => {
    const path = (field: string) => ['input', 'lines', String(index), field];
    const errors: UserError[] = [];
    if (!decimal(line.quantity).greaterThan(0)) {
      errors.push({ field: path('quantity'), message: `Line ${index + 1}: the quantity must be positive.`, code: 'INVALID_QUANTITY' });
    }
    if (!decimal(line.unitPrice).greaterThan(0)) {
      errors.push({ field: path('unitPrice'), message: `Line ${index + 1}: the unit price must be positive.`, code: 'INVALID_PRICE' });
    }
    for (const field of ['itemNumber', 'description', 'unitOfMeasure'] as const) {
      if (line[field].trim() === '')
        errors.push({ field: path(field), message: `Line ${index + 1}: ${field} is required.`, code: 'REQUIRED' });
    }
    return errors;
  });
}

/**
 * What an idempotency key stands for: the same key with the same request is a retry, with
 * another request a mistake. Callers pass normalized values ("3.00" already "3").
 */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value);
}
