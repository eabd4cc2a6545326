import { decimal, type ExactDecimal } from '@procuregraph/platform/money';

/**
 * How far an invoice may stray from its order before the difference is an exception, as AP
 * teams set them. Exactly at a tolerance passes. Defaults: price 2% (MATCH_PRICE_TOLERANCE_PCT),
 * no absolute price limit, no quantity over the ordered one, tax plus freight up to 10% of the
 * goods amount with no absolute limit.
 */
export interface MatchTolerances {
  /** The unit price may differ from the order's by this share of it, in percent, either way. */
  pricePct: string;
  /** And by at most this amount per unit: the stricter of the two applies. Null: no absolute limit. */
  priceAmount: string | null;
  /** The billed quantity may exceed the ordered one by this share of it, in percent. */
  quantityPct: string;
  /** Tax plus freight may come to this share of the goods amount (the lines), in percent. */
  taxFreightPct: string;
  /** And to at most this amount: the stricter of the two applies. Null: no absolute limit. */
  taxFreightAmount: string | null;
}

export const DEFAULT_TAX_FREIGHT_PCT = '10';

export function defaultTolerances(pricePct: number | string): MatchTolerances {
  return {
    pricePct: String(pricePct),
    priceAmount: null,
    quantityPct: '0',
    taxFreightPct: DEFAULT_TAX_FREIGHT_PCT,
    taxFreightAmount: null,
  };
}

/** The largest price difference allowed on a unit ordered at `ordered`. */
export function allowedPriceDifference(ordered: ExactDecimal, tolerances: MatchTolerances): ExactDecimal {
  const byShare = ordered.times(tolerances.pricePct).dividedBy(100);
  return tolerances.priceAmount === null ? byShare : smaller(byShare, decimal(tolerances.priceAmount));
}

/** The most tax plus freight an invoice billing `goods` may carry. */
export function allowedTaxAndFreight(goods: ExactDecimal, tolerances: MatchTolerances): ExactDecimal {
  const byShare = goods.times(tolerances.taxFreightPct).dividedBy(100);
  return tolerances.taxFreightAmount === null ? byShare : smaller(byShare, decimal(tolerances.taxFreightAmount));
}

/** The largest quantity that may be billed on a line ordered at `ordered`. */
export function allowedQuantity(ordered: string, tolerances: MatchTolerances): ExactDecimal {
  return decimal(ordered).times(decimal(tolerances.quantityPct).plus(100)).dividedBy(100);
}

function smaller(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return a.lessThan(b) ? a : b;
}
