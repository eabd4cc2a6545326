import type { Queryable } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { decimal } from '@procuregraph/platform/money';
import { isKnownSupplier, saveToleranceSetting } from '../db/match-tolerances.ts';
import type { MatchToleranceRow } from '../db/tables.ts';

export interface MatchToleranceInput {
  supplierId: string | null;
  supplierCategory: string | null;
  pricePct: string;
  priceAmount: string | null;
  quantityPct: string;
}

export interface SetMatchToleranceResult {
  tolerance: MatchToleranceRow | null;
  userErrors: UserError[];
}

function percentError(input: MatchToleranceInput, field: 'pricePct' | 'quantityPct'): UserError | null {
  const value = decimal(input[field]);
  if (value.greaterThanOrEqualTo(0) && value.lessThanOrEqualTo(100)) return null;
  return { field: ['input', field], code: 'TOLERANCE_OUT_OF_RANGE', message: `${field} must be between 0 and 100, got ${input[field]}` };
}

function inputErrors(input: MatchToleranceInput): UserError[] {
  const errors: UserError[] = [];
  if ((input.supplierId === null) === (input.supplierCategory === null)) {
    errors.push({ field: ['input'], code: 'TOLERANCE_SCOPE_REQUIRED', message: 'Give exactly one of supplierId and supplierCategory' });
  }
  for (const field of ['pricePct', 'quantityPct'] as const) {
    const error = percentError(input, field);
    if (error) errors.push(error);
  }
  if (input.priceAmount !== null && decimal(input.priceAmount).lessThan(0)) {
    errors.push({
      field: ['input', 'priceAmount'],
      code: 'TOLERANCE_OUT_OF_RANGE',
      message: `priceAmount must not be negative, got ${input.priceAmount}`,
    });
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
    setBy,
  });
  return { tolerance, userErrors: [] };
}
