import { inArray } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db';
import { suppliers, type ScreeningStatus, type SupplierStatus } from '../db/tables.ts';
import { lockSupplier } from '../supplier/status-change.ts';
import { applyScreening, type ScreeningEffect } from '../compliance/screening-holds.ts';
import type { ExclusionList } from './exclusion-list.ts';
import type { ExclusionScreening } from './exclusion-screening.ts';

/** Suppliers the network does or may do business with. */
const SCREENED: readonly SupplierStatus[] = ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'ON_HOLD'];

export interface RescreeningSummary {
  entries: number;
  screened: number;
  potentialMatches: number;
  excluded: number;
  /** EXCLUDED by this screening and not before. */
  newlyExcluded: number;
  /** Held for a match the new list no longer has, left for compliance to decide. */
  reinstated: number;
  putOnHold: number;
}

/** Screens one supplier against a new list, under its row lock; see applyScreening for the rules. */
async function rescreenSupplier(
  db: Database,
  list: ExclusionList,
  supplierId: string,
): Promise<{ status: ScreeningStatus; effect: ScreeningEffect } | null> {
  return db.transaction(async (tx) => {
    const supplier = await lockSupplier(tx, supplierId);
    if (!supplier) return null;
    const outcome = list.screen({
      legalName: supplier.legalName,
      state: supplier.address.country === 'US' ? supplier.address.region : null,
    });
    return { status: outcome.status, effect: await applyScreening(tx, supplier, outcome) };
  });
}

/** Reloads the configured LEIE file and screens every current supplier against it. */
export async function reloadAndRescreen(db: Database, screening: ExclusionScreening): Promise<RescreeningSummary> {
  const list = await screening.reload();
  const ids = await db
    .select({ id: suppliers.id })
    .from(suppliers)
    .where(inArray(suppliers.status, [...SCREENED]));
  const summary: RescreeningSummary = {
    entries: list.size,
    screened: 0,
    potentialMatches: 0,
    excluded: 0,
    newlyExcluded: 0,
    reinstated: 0,
    putOnHold: 0,
  };
  for (const { id } of ids) {
    const result = await rescreenSupplier(db, list, id);
    if (!result) continue;
    summary.screened++;
    if (result.status === 'POTENTIAL_MATCH') summary.potentialMatches++;
    if (result.status === 'EXCLUDED') summary.excluded++;
    if (result.effect.newlyExcluded) summary.newlyExcluded++;
    if (result.effect.reinstated) summary.reinstated++;
    if (result.effect.putOnHold) summary.putOnHold++;
  }
  return summary;
}
