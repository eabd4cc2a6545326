import { sql } from 'drizzle-orm';
import { auditEvents } from '../audit/audit-table.ts';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import {
  isUuid,
  newId,
  recordJourneyStep,
  type BackingSystem,
  type JourneyOutcome,
  type Queryable,
  type Transaction,
} from '../db/index.ts';
import { driftFindingsTotal } from './reconciliation-metrics.ts';
import { driftFindings, type FindingKind, type FindingState, type RecordType } from './reconciliation-tables.ts';

/** Procuregraph as the system of record for a field, beside the backing systems' names. */
export const PROCUREGRAPH = 'PROCUREGRAPH' as const;
export type SystemOfRecord = BackingSystem | typeof PROCUREGRAPH;

/** A difference a comparer found; values of sensitive fields arrive masked. */
export interface FindingInput {
  recordType: RecordType;
  /** The record's name across runs: the system's id, or the canonical id when the system has none. */
  recordKey: string;
  recordId: string | null;
  externalId: string | null;
  kind: FindingKind;
  field?: string;
  canonicalValue?: string | null;
  systemValue?: string | null;
  systemOfRecord: SystemOfRecord;
  /**
   * What policy does about it, in the transaction recording it: re-push to the system or pull into
   * the canonical store (REPAIRED), or hold and alert for a sensitive field (ALERTED). Without it
   * the finding stays OPEN for a person, as it does when the repair answers OPEN (it could not
   * apply). Runs only for a new finding, so never twice for one drift.
   */
  repair?: (tx: Transaction, finding: StoredFinding) => Promise<FindingOutcome>;
}

export type StoredFinding = typeof driftFindings.$inferSelect;

/** What a run did about a new finding: pushed or pulled (REPAIRED), held and alerted (ALERTED), or left to a person (OPEN). */
export type FindingOutcome = Exclude<FindingState, 'RESOLVED'>;

/**
 * Records a part's findings; one the store holds unsettled already (OPEN or ALERTED, same record,
 * kind and field) is skipped, so a drift is reported once however many runs meet it. Returns the new ones.
 */
export async function recordFindings(
  tx: Queryable,
  scope: { runId: string; service: string; system: BackingSystem },
  findings: readonly FindingInput[],
): Promise<StoredFinding[]> {
  if (findings.length === 0) return [];
  const inserted = await tx
    .insert(driftFindings)
    .values(
      findings.map(({ repair: _repair, ...finding }) => ({
        id: newId(),
        ...scope,
        ...finding,
        field: finding.field ?? '',
        canonicalValue: finding.canonicalValue ?? null,
        systemValue: finding.systemValue ?? null,
        state: 'OPEN' as const,
      })),
    )
    .onConflictDoNothing({
      target: [driftFindings.system, driftFindings.recordType, driftFindings.recordKey, driftFindings.kind, driftFindings.field],
      where: sql`${driftFindings.state} in ('OPEN', 'ALERTED')`,
    })
    .returning();
  for (const finding of inserted) driftFindingsTotal.inc({ system: finding.system, kind: finding.kind });
  await announceOperationsChanges(
    tx,
    inserted.map((finding) => ({ topic: 'DRIFT', system: finding.system, recordId: finding.id })),
  );
  return inserted;
}

const sameDrift = (stored: StoredFinding, input: FindingInput) =>
  stored.recordType === input.recordType &&
  stored.recordKey === input.recordKey &&
  stored.kind === input.kind &&
  stored.field === (input.field ?? '');

/** Records a page's findings and applies the policy to each new one; returns how many were repaired. */
export async function recordAndRepair(
  tx: Transaction,
  scope: { runId: string; service: string; system: BackingSystem },
  findings: readonly FindingInput[],
): Promise<{ found: number; repaired: number }> {
  const inserted = await recordFindings(tx, scope, findings);
  let repaired = 0;
  for (const stored of inserted) {
    const repair = findings.find((input) => sameDrift(stored, input))?.repair;
    // Taken before the repair, so the finding sorts before the events the repair writes (same `at`).
    const foundStepId = newId();
    const outcome = repair ? await repair(tx, stored) : 'OPEN';
    await recordDriftSteps(tx, stored, outcome, foundStepId);
    if (outcome === 'OPEN') continue;
    await settleFinding(tx, stored, outcome);
    if (outcome === 'REPAIRED') repaired += 1;
  }
  return { found: inserted.length, repaired };
}

/** Journeys are kept for the canonical records, whose ids are UUIDs; a finding without one has none. */
export function hasJourney(finding: StoredFinding): finding is StoredFinding & { recordId: string } {
  return finding.recordId !== null && isUuid(finding.recordId);
}

/** A drift's journey action: what happened to it, and which field (or, for a missing record, which kind). */
export function driftStepAction(happened: 'found' | 'repaired' | 'resolved', finding: StoredFinding): string {
  return `drift ${happened}: ${finding.field || finding.kind}`;
}

/**
 * A finding about a canonical record is a step of its journey: found and left to a person (FAILED),
 * found and held for review (PENDING), or found and repaired (FAILED, then a SUCCEEDED repair).
 * A record only the system has (no canonical id) has no journey to join.
 */
async function recordDriftSteps(tx: Queryable, finding: StoredFinding, outcome: FindingOutcome, foundStepId: string): Promise<void> {
  if (!hasJourney(finding)) return;
  const step = { entityId: finding.recordId, service: finding.service, system: finding.system };
  const found: JourneyOutcome = outcome === 'ALERTED' ? 'PENDING' : 'FAILED';
  await recordJourneyStep(tx, { ...step, id: foundStepId, action: driftStepAction('found', finding), outcome: found });
  if (outcome === 'REPAIRED') await recordJourneyStep(tx, { ...step, action: driftStepAction('repaired', finding), outcome: 'SUCCEEDED' });
}

/** Marks what a run did about a finding, and writes it to the audit log in the same transaction. */
export async function settleFinding(tx: Queryable, finding: StoredFinding, outcome: Exclude<FindingOutcome, 'OPEN'>): Promise<void> {
  await tx
    .update(driftFindings)
    .set({ state: outcome, settledAt: outcome === 'REPAIRED' ? new Date() : null })
    .where(sql`${driftFindings.id} = ${finding.id}`);
  await announceOperationsChanges(tx, [{ topic: 'DRIFT', system: finding.system, recordId: finding.id }]);
  await tx.insert(auditEvents).values({
    id: newId(),
    actor: 'reconciliation',
    role: 'integration',
    service: finding.service,
    kind: 'MUTATION',
    operation: outcome === 'REPAIRED' ? 'reconciliation.repair' : 'reconciliation.alert',
    recordType: finding.recordType,
    recordId: finding.recordId ?? finding.externalId,
    outcome: 'SUCCEEDED',
    detail: { codes: [finding.kind, ...(finding.field ? [finding.field] : [])] },
  });
}
