import { requireRole } from '../auth/authorization.ts';
import type { UserCaller } from '../auth/tokens.ts';
import { auditEvents } from '../audit/audit-table.ts';
import { newId, type Queryable } from '../db/index.ts';
import type { JobOperations } from '../jobs/index.ts';
import { driftAlertResolved, type DriftAlertResolved } from './drift-alerts.ts';
import type { StoredFinding } from './findings.ts';

/**
 * Before a person resolves an ALERTED finding: only compliance (or an admin) may, since resolving
 * lifts the compliance hold the alert placed; the release is requested of the subgraph holding the
 * record, as a durable job named by the finding (sending it twice makes one job). Its handler acts
 * only once the finding is RESOLVED, so a resolution that never commits releases nothing. Answers
 * false when no running service would release it.
 */
export async function requestAlertRelease(jobs: JobOperations, caller: UserCaller, finding: StoredFinding, note: string): Promise<boolean> {
  requireRole(caller, ['compliance'], 'Resolving a drift alert (it lifts a compliance hold)');
  const sentTo = await jobs.request(driftAlertResolved.name, {
    id: finding.id,
    entityId: finding.recordId ?? finding.id,
    payload: { findingId: finding.id, resolvedBy: caller.subject, role: caller.role, note },
  });
  return sentTo.length > 0;
}

/** The audit row of a hold lifted by a resolved alert: who resolved it, in what role, why (the note), and when. */
export async function auditAlertRelease(
  tx: Queryable,
  finding: StoredFinding,
  release: DriftAlertResolved,
  service: string,
): Promise<void> {
  await tx.insert(auditEvents).values({
    id: newId(),
    actor: release.resolvedBy,
    role: release.role,
    service,
    kind: 'MUTATION',
    operation: 'reconciliation.hold_released',
    recordType: finding.recordType,
    recordId: finding.recordId,
    outcome: 'SUCCEEDED',
    detail: { codes: [finding.kind, finding.field], note: release.note },
  });
}
