import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { BackingSystem, Database } from '../db/index.ts';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import { recordAndRepair, type FindingInput } from './findings.ts';
import { reconciliationRecordsComparedTotal, reconciliationRunDuration } from './reconciliation-metrics.ts';
import { reconciliationParts, reconciliationRuns, reconciliationSeen } from './reconciliation-tables.ts';

export type Checkpoint = Record<string, unknown>;

/** One page of the system's records compared with the canonical records they reference. */
export interface ComparedPage {
  compared: number;
  /** The record keys of the system records on the page, matched or not. */
  seenKeys: string[];
  findings: FindingInput[];
  /** Where the next page starts; null after the last. */
  next: Checkpoint | null;
}

/** A page of the canonical records linked to the system, by record key, in key order. */
export interface CanonicalPage {
  records: { recordKey: string; finding: FindingInput }[];
  /** The last key of the page; null after the last page. */
  next: string | null;
}

/** What one subgraph compares with one system, a page at a time; its wire format stays in its connector. */
export interface ReconciliationComparer {
  comparePage(checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage>;
  /** `finding` of each record is what is reported when the system has no such record (MISSING_IN_SYSTEM). */
  canonicalPage(afterKey: string | null): Promise<CanonicalPage>;
}

type PartCheckpoint = { phase: 'system'; cursor: Checkpoint | null } | { phase: 'canonical'; after: string | null } | { phase: 'done' };

/** Where a part stands: WAITING until a slice first takes it, then in its first pass, its second, or done. */
export type PartPhase = 'WAITING' | 'SYSTEM' | 'CANONICAL' | 'COMPLETED';

/** The phase of a stored part, read from its checkpoint (whose format is this module's). */
export function partPhase(part: { state: string; checkpoint: Record<string, unknown> | null }): PartPhase {
  if (part.state === 'COMPLETED') return 'COMPLETED';
  return (part.checkpoint as PartCheckpoint | null)?.phase === 'canonical' ? 'CANONICAL' : 'SYSTEM';
}

export interface PartScope {
  runId: string;
  service: string;
  system: BackingSystem;
}

interface ClaimedPart {
  checkpoint: PartCheckpoint;
  pages: number;
}

const partKey = (scope: PartScope) => and(eq(reconciliationParts.runId, scope.runId), eq(reconciliationParts.service, scope.service));

/**
 * The part is leased by another slice: a duplicate job, or the slice of a killed process, whose
 * lease lapses. Retried (pg-boss backs off), not taken for the part's end, which would strand it.
 */
class PartLeasedError extends Error {
  override name = 'PartLeasedError';
}

/**
 * Takes the part for one slice: creates it on first sight, and leases it unless it is done (null)
 * or another slice holds it (PartLeasedError). A slice of a killed process holds it no longer than its lease.
 */
async function claimPart(db: Database, scope: PartScope, leaseMs: number): Promise<ClaimedPart | null> {
  await db.insert(reconciliationParts).values({ runId: scope.runId, service: scope.service, state: 'RUNNING' }).onConflictDoNothing();
  const [part] = await db
    .update(reconciliationParts)
    .set({ leaseUntil: new Date(Date.now() + leaseMs) })
    .where(
      and(
        partKey(scope),
        eq(reconciliationParts.state, 'RUNNING'),
        or(isNull(reconciliationParts.leaseUntil), lt(reconciliationParts.leaseUntil, new Date())),
      ),
    )
    .returning();
  if (!part) {
    const [held] = await db.select().from(reconciliationParts).where(partKey(scope));
    if (held?.state !== 'RUNNING') return null;
    throw new PartLeasedError(`the ${scope.service} part of run ${scope.runId} is leased until ${held.leaseUntil?.toISOString()}`);
  }
  return { checkpoint: (part.checkpoint as PartCheckpoint | null) ?? { phase: 'system', cursor: null }, pages: part.pages };
}

async function releasePart(db: Database, scope: PartScope): Promise<void> {
  await db.update(reconciliationParts).set({ leaseUntil: null }).where(partKey(scope));
}

/**
 * What one page adds to the counters: `compared` counts each record once (a system record on the
 * first pass, a canonical record the system lacks on the second, the others having been compared on
 * the first); `canonicalChecked` is every canonical record of a second-pass page, so that pass shows progress.
 */
interface PageDone {
  compared: number;
  canonicalChecked: number;
  findings: FindingInput[];
  seenKeys?: string[];
}

/** Records one page's findings and moves the checkpoint past it, all or nothing. */
async function savePage(db: Database, scope: PartScope, page: PageDone, checkpoint: PartCheckpoint): Promise<void> {
  await db.transaction(async (tx) => {
    if (page.seenKeys && page.seenKeys.length > 0) {
      await tx
        .insert(reconciliationSeen)
        .values(page.seenKeys.map((recordKey) => ({ runId: scope.runId, service: scope.service, recordKey })))
        .onConflictDoNothing();
    }
    const { found, repaired } = await recordAndRepair(tx, scope, page.findings);
    await tx
      .update(reconciliationParts)
      .set({
        checkpoint,
        recordsCompared: sql`${reconciliationParts.recordsCompared} + ${page.compared}`,
        canonicalRecordsChecked: sql`${reconciliationParts.canonicalRecordsChecked} + ${page.canonicalChecked}`,
        pages: sql`${reconciliationParts.pages} + 1`,
        updatedAt: new Date(),
      })
      .where(partKey(scope));
    await tx
      .update(reconciliationRuns)
      .set({
        recordsCompared: sql`${reconciliationRuns.recordsCompared} + ${page.compared}`,
        canonicalRecordsChecked: sql`${reconciliationRuns.canonicalRecordsChecked} + ${page.canonicalChecked}`,
        findingsCount: sql`${reconciliationRuns.findingsCount} + ${found}`,
        repairedCount: sql`${reconciliationRuns.repairedCount} + ${repaired}`,
      })
      .where(eq(reconciliationRuns.id, scope.runId));
    await announceOperationsChanges(tx, [{ topic: 'RECONCILIATION_RUNS', system: scope.system, recordId: scope.runId }]);
  });
  reconciliationRecordsComparedTotal.inc({ system: scope.system, service: scope.service }, page.compared);
}

async function missingFrom(db: Database, scope: PartScope, page: CanonicalPage): Promise<FindingInput[]> {
  if (page.records.length === 0) return [];
  const keys = page.records.map((record) => record.recordKey);
  const seen = await db
    .select({ recordKey: reconciliationSeen.recordKey })
    .from(reconciliationSeen)
    .where(
      and(
        eq(reconciliationSeen.runId, scope.runId),
        eq(reconciliationSeen.service, scope.service),
        inArray(reconciliationSeen.recordKey, keys),
      ),
    );
  const met = new Set(seen.map((row) => row.recordKey));
  return page.records.filter((record) => !met.has(record.recordKey)).map((record) => record.finding);
}

/**
 * Gives the planner the seen table's size before the second pass reads it. It fills from nothing in
 * the first pass, faster than autovacuum analyzes it, and without statistics the planner guesses a
 * handful of rows per part: each page's lookup then scanned the whole part instead of probing the
 * primary key (1M invoices: about a second a page instead of milliseconds, bench/FINDINGS.md).
 */
async function analyzeSeen(db: Database): Promise<void> {
  await db.execute(sql`analyze ${reconciliationSeen}`);
}

/** Marks the part done and, once every service's part is, the run; the run row is locked so two last parts agree. */
async function finishPart(db: Database, scope: PartScope): Promise<void> {
  const finished = await db.transaction(async (tx) => {
    const [run] = await tx.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, scope.runId)).for('update');
    await tx
      .delete(reconciliationSeen)
      .where(and(eq(reconciliationSeen.runId, scope.runId), eq(reconciliationSeen.service, scope.service)));
    await tx.update(reconciliationParts).set({ state: 'COMPLETED', leaseUntil: null, updatedAt: new Date() }).where(partKey(scope));
    const done = await tx
      .select({ service: reconciliationParts.service })
      .from(reconciliationParts)
      .where(and(eq(reconciliationParts.runId, scope.runId), eq(reconciliationParts.state, 'COMPLETED')));
    if (!run || run.state !== 'RUNNING' || !run.services.every((service) => done.some((part) => part.service === service))) return null;
    const finishedAt = new Date();
    await tx.update(reconciliationRuns).set({ state: 'COMPLETED', finishedAt }).where(eq(reconciliationRuns.id, scope.runId));
    await announceOperationsChanges(tx, [{ topic: 'RECONCILIATION_RUNS', system: scope.system, recordId: scope.runId }]);
    return { startedAt: run.startedAt, finishedAt };
  });
  if (finished) {
    reconciliationRunDuration.observe(
      { system: scope.system, state: 'COMPLETED' },
      (finished.finishedAt.getTime() - finished.startedAt.getTime()) / 1000,
    );
  }
}

export interface SliceOptions {
  /** How long a slice takes pages before it hands over to the next; a job's timeout bounds it. */
  budgetMs: number;
  signal?: AbortSignal;
}

/** `more`: the part is not finished; `continuation` numbers the next slice. */
export type SliceOutcome = { more: false } | { more: true; continuation: number };

/**
 * Works one slice of one service's part of a run, resuming from its last checkpoint (after a
 * crash too): first the pages of the system, each compared with the canonical records it
 * references and its record keys noted; then the pages of the canonical records linked to the
 * system, reporting those never met. Memory holds one page; every page commits its findings,
 * repairs and checkpoint together, so a page is never counted or reported twice.
 */
export async function runReconciliationSlice(
  db: Database,
  scope: PartScope,
  comparer: ReconciliationComparer,
  options: SliceOptions,
): Promise<SliceOutcome> {
  const claimed = await claimPart(db, scope, options.budgetMs * 2);
  if (!claimed) return { more: false };
  const deadline = Date.now() + options.budgetMs;
  let { checkpoint, pages } = claimed;
  try {
    // At least one page per slice, so every slice moves the part on.
    while (checkpoint.phase !== 'done') {
      checkpoint = await nextPage(db, scope, comparer, checkpoint, options.signal);
      pages += 1;
      if (checkpoint.phase !== 'done' && Date.now() >= deadline) {
        await releasePart(db, scope);
        return { more: true, continuation: pages };
      }
    }
  } catch (error) {
    // A failing slice lets go at once, so its retry resumes the part rather than finding it leased
    // and ending the job with nothing done; only a killed process's lease has to lapse.
    await releasePart(db, scope);
    throw error;
  }
  await finishPart(db, scope);
  return { more: false };
}

async function nextPage(
  db: Database,
  scope: PartScope,
  comparer: ReconciliationComparer,
  checkpoint: Exclude<PartCheckpoint, { phase: 'done' }>,
  signal: AbortSignal | undefined,
): Promise<PartCheckpoint> {
  if (checkpoint.phase === 'system') {
    const page = await comparer.comparePage(checkpoint.cursor, signal);
    const next: PartCheckpoint = page.next ? { phase: 'system', cursor: page.next } : { phase: 'canonical', after: null };
    await savePage(db, scope, { ...page, canonicalChecked: 0 }, next);
    return next;
  }
  if (checkpoint.after === null) await analyzeSeen(db);
  const page = await comparer.canonicalPage(checkpoint.after);
  const findings = await missingFrom(db, scope, page);
  const next: PartCheckpoint = page.next === null ? { phase: 'done' } : { phase: 'canonical', after: page.next };
  await savePage(db, scope, { compared: findings.length, canonicalChecked: page.records.length, findings }, next);
  return next;
}
