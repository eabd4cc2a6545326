import { asc, eq, inArray } from 'drizzle-orm';
import { type Database, type Queryable, type Transaction, isUuid, newId } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import type { UserCaller } from '@procuregraph/platform/auth';
import { complianceDecisions, suppliers, type ComplianceDecisionRow, type ScreeningDecision, type SupplierRow } from '../db/tables.ts';
import { lockSupplier } from '../supplier/status-change.ts';
import { clearHold, openHolds } from './holds.ts';

export interface ScreeningDecisionInput {
  supplierId: string;
  decision: ScreeningDecision;
  reason: string;
}

export interface ScreeningDecisionResult {
  supplier: SupplierRow | null;
  decision: ComplianceDecisionRow | null;
  userErrors: UserError[];
}

const failure = (field: string, code: string, message: string): ScreeningDecisionResult => ({
  supplier: null,
  decision: null,
  userErrors: [{ field: ['input', field], code, message }],
});

/**
 * CLEARED: the entry is not this supplier; the screening becomes CLEAR and the screening hold is
 * cleared (the supplier is released if nothing else holds it). CONFIRMED: it is; the screening
 * becomes EXCLUDED and the supplier stays held until it is rejected or cleared by a later decision.
 */
async function decideLocked(
  tx: Transaction,
  supplier: SupplierRow,
  input: ScreeningDecisionInput,
  caller: UserCaller,
  reason: string,
): Promise<ScreeningDecisionResult> {
  if (!(await openHolds(tx, supplier.id)).includes('SCREENING') || !supplier.screeningMatch) {
    return failure('supplierId', 'NO_SCREENING_HOLD', `Supplier ${supplier.supplierNumber} is not held for an exclusion-list match`);
  }
  const [decision] = await tx
    .insert(complianceDecisions)
    .values({
      id: newId(),
      supplierId: supplier.id,
      decision: input.decision,
      match: supplier.screeningMatch,
      screeningStatus: supplier.screeningStatus,
      reason,
      decidedBy: caller.subject,
    })
    .returning();
  if (input.decision === 'CLEARED') await clearHold(tx, supplier, 'SCREENING', { screeningStatus: 'CLEAR', screeningMatch: null });
  else await tx.update(suppliers).set({ screeningStatus: 'EXCLUDED', updatedAt: new Date() }).where(eq(suppliers.id, supplier.id));
  return { supplier: await lockSupplier(tx, supplier.id), decision: decision!, userErrors: [] };
}

/** Compliance's decision on a supplier's exclusion-list match, recorded with who decided and why. */
export async function decideScreeningMatch(
  db: Database,
  caller: UserCaller,
  input: ScreeningDecisionInput,
): Promise<ScreeningDecisionResult> {
  const reason = input.reason.trim();
  if (reason === '') return failure('reason', 'REQUIRED', 'A reason is required');
  if (!isUuid(input.supplierId)) return failure('supplierId', 'NOT_FOUND', `There is no supplier ${input.supplierId}`);
  return db.transaction(async (tx) => {
    const supplier = await lockSupplier(tx, input.supplierId);
    return supplier
      ? decideLocked(tx, supplier, input, caller, reason)
      : failure('supplierId', 'NOT_FOUND', `There is no supplier ${input.supplierId}`);
  });
}

export function decisionsOfSuppliers(db: Queryable, supplierIds: readonly string[]) {
  return db
    .select()
    .from(complianceDecisions)
    .where(inArray(complianceDecisions.supplierId, [...supplierIds]))
    .orderBy(asc(complianceDecisions.id));
}
