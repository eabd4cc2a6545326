import { eq, inArray } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db/database';
import { suppliers, type SupplierStatus } from '../db/tables.ts';
import { lockSupplier, transition } from '../supplier/status-change.ts';
import type { ExclusionList } from './exclusion-list.ts';
import type { ExclusionScreening } from './exclusion-screening.ts';

/** Suppliers the network does or may do business with. */
const SCREENED: readonly SupplierStatus[] = ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'ON_HOLD'];

export interface RescreeningSummary {
  entries: number;
  screened: number;
  potentialMatches: number;
  excluded: number;
  putOnHold: number;
}

/**
 * Screens one supplier against a new list. A hit (exclusion or possible one) holds the supplier
 * for compliance; a clear result never lifts a hold by itself, since someone put it there.
 */
async function rescreenSupplier(db: Database, list: ExclusionList, supplierId: string): Promise<{ status: string; held: boolean }> {
  return db.transaction(async (tx) => {
    const supplier = await lockSupplier(tx, supplierId);
    if (!supplier) return { status: 'CLEAR', held: false };
    const outcome = list.screen({ legalName: supplier.legalName, state: supplier.address.country === 'US' ? supplier.address.region : null });
    const screening = { screeningStatus: outcome.status, screeningCheckedAt: new Date(), screeningMatch: outcome.status === 'CLEAR' ? null : outcome.reason };
    if (outcome.status !== 'CLEAR' && supplier.status !== 'ON_HOLD') {
      await transition(tx, supplier, 'ON_HOLD', { ...screening, holdReason: 'SCREENING', statusBeforeHold: supplier.status });
      return { status: outcome.status, held: true };
    }
    await tx.update(suppliers).set(screening).where(eq(suppliers.id, supplierId));
    return { status: outcome.status, held: false };
  });
}

/** Reloads the configured LEIE file and screens every current supplier against it. */
export async function reloadAndRescreen(db: Database, screening: ExclusionScreening): Promise<RescreeningSummary> {
  const list = await screening.reload();
  const ids = await db.select({ id: suppliers.id }).from(suppliers).where(inArray(suppliers.status, [...SCREENED]));
  const summary: RescreeningSummary = { entries: list.size, screened: 0, potentialMatches: 0, excluded: 0, putOnHold: 0 };
  for (const { id } of ids) {
    const result = await rescreenSupplier(db, list, id);
    summary.screened++;
    if (result.status === 'POTENTIAL_MATCH') summary.potentialMatches++;
    if (result.status === 'EXCLUDED') summary.excluded++;
    if (result.held) summary.putOnHold++;
  }
  return summary;
}
