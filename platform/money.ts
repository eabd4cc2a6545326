import { Decimal } from 'decimal.js';

/**
 * Exact decimal arithmetic for money and quantities. Values cross every boundary (GraphQL, SQL
 * `numeric`, backing systems' JSON) as strings, so no binary float ever holds an amount.
 */
export const ExactDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type ExactDecimal = InstanceType<typeof ExactDecimal>;

const DECIMAL_PATTERN = /^-?(0|[1-9]\d{0,17})(\.\d{1,6})?$/;

export function isDecimalString(value: string): boolean {
  return DECIMAL_PATTERN.test(value);
}

export function decimal(value: string | ExactDecimal): ExactDecimal {
  return new ExactDecimal(value);
}

export function sum(values: readonly (string | ExactDecimal)[]): ExactDecimal {
  return values.reduce<ExactDecimal>((total, value) => total.plus(value), new ExactDecimal(0));
}

/** ISO 4217 minor units for the currencies a US health network meets; two otherwise. */
const MINOR_UNITS: Readonly<Record<string, number>> = { JPY: 0, KRW: 0, BHD: 3, KWD: 3 };

/** An amount in its currency's minor units ("1200.50"), or with more places when it has them. */
export function formatAmount(value: string | ExactDecimal, currency: string): string {
  const amount = decimal(value);
  const places = Math.max(MINOR_UNITS[currency] ?? 2, amount.decimalPlaces());
  return amount.toFixed(places);
}

/** A quantity or rate without trailing zeros ("12", "2.5"). */
export function formatDecimal(value: string | ExactDecimal): string {
  return decimal(value).toFixed();
}

export interface Money {
  amount: string;
  currency: string;
}

export function money(amount: string | ExactDecimal, currency: string): Money {
  return { amount: formatAmount(amount, currency), currency };
}
