import { z } from 'zod';
import { formatAmount } from '@procuregraph/platform/money';
import { decimalInput } from '@procuregraph/reference-http';
import type { Amount } from './state.ts';

export const currencyInput = z.string().regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' });

export const amountInput = z.object({ value: decimalInput(), currency: currencyInput }).strict();

export function amount(value: string, currency: string): Amount {
  return { value: formatAmount(value, currency), currency };
}
