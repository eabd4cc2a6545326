import type { Queryable } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { decimal } from '@procuregraph/platform/money';
import { isKnownSupplier, saveToleranceSetting } from '../db/match-tolerances.ts';
import type { MatchToleranceRow } from '../db/tables.ts';
import { DEFAULT_TAX_FREIGHT_PCT } from './tolerances.ts';

export interface MatchToleranceInput {
  supplierId: string | null;
  supplierCategory: string | null;
  pricePct: string;
  priceAmount: string | null;
  quantityPct: string;
  /** Null: the default share. */
  taxFreightPct: string | null;
  taxFreightAmount: string | null;
}

export interface SetMatchToleranceResult {
  tolerance: MatchToleranceRow | null;
  userErrors: UserError[];
}

function percentError(input: MatchToleranceInput, field: 'pricePct' | 'quantityPct' | 'taxFreightPct'): UserError | null {
  if (input[field] === null) return null;
  const value = decimal(input[field]);
  if (value.greaterThanOrEqualTo(0) && value.lessThanOrEqualTo(100)) return null;
  return { field: ['input', field], code: 'TOLERANCE_OUT_OF_RANGE', message: `${field} must be between 0 and 100, got ${input[field]}` };
}

function inputErrors(input: MatchToleranceInput): UserError[] {
  const errors: UserError[] = [];
  if ((input.supplierId === null) === (input.supplierCategory === null)) {
    errors.push({ field: ['input'], code: 'TOLERANCE_SCOPE_REQUIRED', message: 'Give exactly one of supplierId and supplierCategory' });
  }
  for (const field of ['pricePct', 'quantityPct', 'taxFreightPct'] as const) {
    const error = percentError(input, field);
    if (error) errors.push(error);
  }
  for (const field of ['priceAmount', 'taxFreightAmount'] as const) {
    const amount = input[field];
    if (amount !== null && decimal(amount).lessThan(0)) {
      errors.push({ field: ['input', field], code: 'TOLERANCE_OUT_OF_RANGE', message: `${field} must not be negative, got ${amount}` });
    }
  }
  return errors;
}

/** Sets one supplier's or one category's tolerances, replacing any set before. */
export async function setMatchTolerance(db: Queryable, input: MatchToleranceInput, setBy: string): Promise<SetMatchToleranceResult> {
  const userErrors = inputErrors(input);
  if (userErrors.length === 0 && input.supplierId !== null && !(await isKnownSupplier(db, input.supplierId))) {
    userErrors.push({ field: ['input', 'supplierId'], code: 'SUPPLIER_NOT_FOUND', message: `No supplier ${input.supplierId}` });
  }
  if (userErrors.length > 0) return { tolerance: null, userErrors };
  const scope =
    input.supplierId !== null
      ? { scope: 'SUPPLIER' as const, scopeKey: input.supplierId }
      : { scope: 'SUPPLIER_CATEGORY' as const, scopeKey: input.supplierCategory! };
  const tolerance = await saveToleranceSetting(db, {
    ...scope,
    pricePct: input.pricePct,
    priceAmount: input.priceAmount,
    quantityPct: input.quantityPct,
    taxFreightPct: input.taxFreightPct ?? DEFAULT_TAX_FREIGHT_PCT,
    taxFreightAmount: input.taxFreightAmount,
    setBy,
  });
  return { tolerance, userErrors: [] };
}
