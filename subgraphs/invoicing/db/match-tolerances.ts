import { and, asc, eq, or } from 'drizzle-orm';
import type { Queryable } from '@procuregraph/platform/db';
import { defaultTolerances, type MatchTolerances } from '../matching/tolerances.ts';
import { matchTolerances, supplierProjections, type MatchToleranceRow, type ToleranceScope } from './tables.ts';

/** Tolerances as AP set them for one supplier or one supplier category. */
export interface ToleranceSetting extends MatchTolerances {
  scope: ToleranceScope;
  /** The supplier's id or the category. */
  scopeKey: string;
  setBy: string;
}

function tolerancesOf(row: MatchToleranceRow): MatchTolerances {
  return {
    pricePct: row.pricePct,
    priceAmount: row.priceAmount,
    quantityPct: row.quantityPct,
    taxFreightPct: row.taxFreightPct,
    taxFreightAmount: row.taxFreightAmount,
  };
}

/**
 * The tolerances an invoice of the supplier is matched with: the supplier's own if AP set them,
 * else those of its category (as last projected from the supplier's events), else the defaults.
 */
export async function tolerancesForSupplier(db: Queryable, supplierId: string, defaultPricePct: number): Promise<MatchTolerances> {
  const [supplier] = await db
    .select({ category: supplierProjections.category })
    .from(supplierProjections)
    .where(eq(supplierProjections.supplierId, supplierId));
  const bySupplier = and(eq(matchTolerances.scope, 'SUPPLIER'), eq(matchTolerances.scopeKey, supplierId));
  const byCategory = supplier?.category
    ? and(eq(matchTolerances.scope, 'SUPPLIER_CATEGORY'), eq(matchTolerances.scopeKey, supplier.category))
    : undefined;
  const rows = await db.select().from(matchTolerances).where(or(bySupplier, byCategory));
  const chosen = rows.find((row) => row.scope === 'SUPPLIER') ?? rows[0];
  return chosen ? tolerancesOf(chosen) : defaultTolerances(defaultPricePct);
}

/** Whether invoicing has heard of the supplier (from its status or ERP-link events). */
export async function isKnownSupplier(db: Queryable, supplierId: string): Promise<boolean> {
  const [row] = await db
    .select({ supplierId: supplierProjections.supplierId })
    .from(supplierProjections)
    .where(eq(supplierProjections.supplierId, supplierId));
  return row !== undefined;
}

/** Sets (or replaces) one supplier's or one category's tolerances. */
export async function saveToleranceSetting(db: Queryable, setting: ToleranceSetting): Promise<MatchToleranceRow> {
  const values = {
    pricePct: setting.pricePct,
    priceAmount: setting.priceAmount,
    quantityPct: setting.quantityPct,
    taxFreightPct: setting.taxFreightPct,
    taxFreightAmount: setting.taxFreightAmount,
    setBy: setting.setBy,
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(matchTolerances)
    .values({ scope: setting.scope, scopeKey: setting.scopeKey, ...values })
    .onConflictDoUpdate({ target: [matchTolerances.scope, matchTolerances.scopeKey], set: values })
    .returning();
  return row!;
}

export function listToleranceSettings(db: Queryable): Promise<MatchToleranceRow[]> {
  return db.select().from(matchTolerances).orderBy(asc(matchTolerances.scope), asc(matchTolerances.scopeKey));
}
