import { and, count, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { type BackingSystem, type Database, newId, recordJourneyStep } from '../db/index.ts';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import { pageRequest, toConnection, type Connection, type ConnectionArguments } from '../graphql/connection.ts';
import { driftStepAction, hasJourney, type StoredFinding } from './findings.ts';
import { partPhase, type PartPhase } from './run-part.ts';
import {
  driftFindings,
  reconciliationParts,
  reconciliationRuns,
  type FindingKind,
  type FindingState,
  type RecordType,
  type RunState,
  type RunTrigger,
} from './reconciliation-tables.ts';

export type StoredRun = typeof reconciliationRuns.$inferSelect;

/** The outbox-free topic a run is requested on; every service comparing that system subscribes a queue to it. */
export function reconciliationTopic(system: BackingSystem): string {
  return `reconciliation.${system.toLowerCase()}.requested`;
}

/** Opens a run waiting for the given services' parts; null while a run of the system is still RUNNING. */
export async function openRun(db: Database, system: BackingSystem, trigger: RunTrigger, services: string[]): Promise<StoredRun | null> {
  const [run] = await db
    .insert(reconciliationRuns)
    .values({ id: newId(), system, state: 'RUNNING', trigger, services })
    .onConflictDoNothing()
    .returning();
  if (run) await announceOperationsChanges(db, [{ topic: 'RECONCILIATION_RUNS', system, recordId: run.id }]);
  return run ?? null;
}

export async function failRun(db: Database, id: string, error: string): Promise<void> {
  const failed = await db
    .update(reconciliationRuns)
    .set({ state: 'FAILED', error, finishedAt: new Date() })
    .where(and(eq(reconciliationRuns.id, id), eq(reconciliationRuns.state, 'RUNNING')))
    .returning({ system: reconciliationRuns.system });
  const notices = failed.map(({ system }) => ({ topic: 'RECONCILIATION_RUNS' as const, system, recordId: id }));
  await announceOperationsChanges(db, notices);
}

export async function findRun(db: Database, id: string): Promise<StoredRun | null> {
  const [run] = await db.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, id));
  return run ?? null;
}

export async function runsByIds(db: Database, ids: readonly string[]): Promise<StoredRun[]> {
  return ids.length === 0
    ? []
    : db
        .select()
        .from(reconciliationRuns)
        .where(inArray(reconciliationRuns.id, [...ids]));
}

/** One service's part of a run, as an operator follows it. */
export interface RunPart {
  service: string;
  phase: PartPhase;
  recordsCompared: number;
  canonicalRecordsChecked: number;
}

/** A stored part of a run, as one slice after another advanced it. */
export type StoredPart = typeof reconciliationParts.$inferSelect;

/** The stored parts of these runs, in one query. */
export function partsOfRuns(db: Database, runIds: readonly string[]): Promise<StoredPart[]> {
  return db
    .select()
    .from(reconciliationParts)
    .where(inArray(reconciliationParts.runId, [...runIds]));
}

/** The run's parts in the order of its services, from its stored ones; one no slice has taken yet is WAITING, with nothing counted. */
export function partsOf(run: StoredRun, stored: readonly StoredPart[]): RunPart[] {
  return run.services.map((service) => {
    const part = stored.find((row) => row.service === service);
    if (!part) return { service, phase: 'WAITING', recordsCompared: 0, canonicalRecordsChecked: 0 };
    const { recordsCompared, canonicalRecordsChecked } = part;
    return { service, phase: partPhase(part), recordsCompared, canonicalRecordsChecked };
  });
}

export async function runParts(db: Database, run: StoredRun): Promise<RunPart[]> {
  return partsOf(run, await partsOfRuns(db, [run.id]));
}

export interface RunFilter {
  system?: BackingSystem | null;
  state?: RunState | null;
}

/** Runs, newest first (ids are time-ordered). */
export async function listRuns(db: Database, filter: RunFilter, args: ConnectionArguments): Promise<Connection<StoredRun>> {
  const where = and(
    filter.system ? eq(reconciliationRuns.system, filter.system) : undefined,
    filter.state ? eq(reconciliationRuns.state, filter.state) : undefined,
  );
  const page = pageRequest('ReconciliationRun', args);
  const rows = await db
    .select()
    .from(reconciliationRuns)
    .where(and(where, page.afterId ? lt(reconciliationRuns.id, page.afterId) : undefined))
    .orderBy(desc(reconciliationRuns.id))
    .limit(page.limit + 1);
  return toConnection('ReconciliationRun', rows, page, async () => {
    const [row] = await db.select({ total: count() }).from(reconciliationRuns).where(where);
    return row?.total ?? 0;
  });
}

export interface FindingFilter {
  system?: BackingSystem | null;
  kind?: FindingKind | null;
  state?: FindingState | null;
  recordType?: RecordType | null;
  runId?: string | null;
}

function findingCondition(filter: FindingFilter): SQL | undefined {
  return and(
    filter.system ? eq(driftFindings.system, filter.system) : undefined,
    filter.kind ? eq(driftFindings.kind, filter.kind) : undefined,
    filter.state ? eq(driftFindings.state, filter.state) : undefined,
    filter.recordType ? eq(driftFindings.recordType, filter.recordType) : undefined,
    filter.runId ? eq(driftFindings.runId, filter.runId) : undefined,
  );
}

/** Findings, newest first. */
export async function listFindings(db: Database, filter: FindingFilter, args: ConnectionArguments): Promise<Connection<StoredFinding>> {
  const page = pageRequest('DriftFinding', args);
  const rows = await db
    .select()
    .from(driftFindings)
    .where(and(findingCondition(filter), page.afterId ? lt(driftFindings.id, page.afterId) : undefined))
    .orderBy(desc(driftFindings.id))
    .limit(page.limit + 1);
  return toConnection('DriftFinding', rows, page, async () => {
    const [row] = await db.select({ total: count() }).from(driftFindings).where(findingCondition(filter));
    return row?.total ?? 0;
  });
}

export async function findFinding(db: Database, id: string): Promise<StoredFinding | null> {
  const [finding] = await db.select().from(driftFindings).where(eq(driftFindings.id, id));
  return finding ?? null;
}

/**
 * A person settles a finding with a note; a finding already resolved stays as it was (null). The
 * resolution is a step of the record's journey, written with it, which ends the drift's line there.
 */
export async function resolveFinding(db: Database, id: string, note: string, by: string): Promise<StoredFinding | null> {
  return db.transaction(async (tx) => {
    const [resolved] = await tx
      .update(driftFindings)
      .set({ state: 'RESOLVED', note, resolvedBy: by, settledAt: sql`now()` })
      .where(and(eq(driftFindings.id, id), sql`${driftFindings.state} <> 'RESOLVED'`))
      .returning();
    if (resolved) await announceOperationsChanges(tx, [{ topic: 'DRIFT', system: resolved.system, recordId: resolved.id }]);
    if (resolved && hasJourney(resolved)) {
      await recordJourneyStep(tx, {
        entityId: resolved.recordId,
        service: resolved.service,
        system: 'PROCUREGRAPH',
        action: driftStepAction('resolved', resolved),
        outcome: 'SUCCEEDED',
      });
    }
    return resolved ?? null;
  });
}
