import { and, desc, eq } from 'drizzle-orm';
import type { Queryable, Transaction } from '@procuregraph/platform/db';
import { complianceDecisions, suppliers, type ScreeningStatus, type SupplierRow } from '../db/tables.ts';
import type { ScreeningOutcome } from '../screening/exclusion-list.ts';
import { openHolds, placeHold } from './holds.ts';

/** What one rescreening did to a supplier, for the run's counts. */
export interface ScreeningEffect {
  /** EXCLUDED now, and not before. */
  newlyExcluded: boolean;
  /** Held for a match the list no longer has (the entry was reinstated or removed). */
  reinstated: boolean;
  /** Newly held by this screening. */
  putOnHold: boolean;
}

const severity: Record<ScreeningStatus, number> = { CLEAR: 0, POTENTIAL_MATCH: 1, EXCLUDED: 2 };

/** A match compliance already found not to be this supplier does not hold it again. */
async function clearedBefore(db: Queryable, supplierId: string, match: string): Promise<boolean> {
  const [latest] = await db
    .select({ decision: complianceDecisions.decision })
    .from(complianceDecisions)
    .where(and(eq(complianceDecisions.supplierId, supplierId), eq(complianceDecisions.match, match)))
    .orderBy(desc(complianceDecisions.id))
    .limit(1);
  return latest?.decision === 'CLEARED';
}

/**
 * Applies a screening outcome to a locked supplier. A match holds it whatever else holds it
 * already, and the screening only ever grows more severe on its own: lowering it (a match cleared,
 * an exclusion reinstated on the list) is a compliance decision, so a clear result leaves an open
 * screening hold as it is and is counted as reinstated for compliance to look at.
 */
export async function applyScreening(tx: Transaction, supplier: SupplierRow, outcome: ScreeningOutcome): Promise<ScreeningEffect> {
  const checked = { screeningCheckedAt: new Date() };
  const held = (await openHolds(tx, supplier.id)).includes('SCREENING');
  const none: ScreeningEffect = { newlyExcluded: false, reinstated: false, putOnHold: false };
  if (outcome.status === 'CLEAR' || (!held && (await clearedBefore(tx, supplier.id, outcome.reason)))) {
    await tx.update(suppliers).set(checked).where(eq(suppliers.id, supplier.id));
    return { ...none, reinstated: held && outcome.status === 'CLEAR' };
  }
  const escalates = !held || severity[outcome.status] > severity[supplier.screeningStatus];
  const screening = escalates ? { screeningStatus: outcome.status, screeningMatch: outcome.reason } : {};
  const added = await placeHold(tx, supplier, 'SCREENING', { ...checked, ...screening });
  return { newlyExcluded: outcome.status === 'EXCLUDED' && supplier.screeningStatus !== 'EXCLUDED', reinstated: false, putOnHold: added };
}

/** Approval waits while the exclusion screening is undecided or found an exclusion: that is compliance's call. */
export async function screeningHoldRefusal(db: Queryable, supplier: SupplierRow): Promise<{ code: string; message: string } | null> {
  const held = (await openHolds(db, supplier.id)).includes('SCREENING');
  if (!held && supplier.screeningStatus === 'CLEAR') return null;
  return {
    code: 'SCREENING_HOLD',
    message: `Supplier ${supplier.supplierNumber} is held for an exclusion-list match (${supplier.screeningStatus}); compliance must decide on it before it can be approved`,
  };
}
