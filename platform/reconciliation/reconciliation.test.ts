import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServiceDatabase, migratePlatform, newId, type Database } from '../db/index.ts';
import { openFreshDatabase, type FreshDatabase } from '../db/fixtures/fresh-database.ts';
import { createTestService, databaseTargets, uniqueName } from '../jobs/fixtures/test-database.ts';
import { createJobOperations } from '../jobs/job-operations.ts';
import { jobSender } from '../jobs/job-sender.ts';
import { createJobRuntime, type JobRuntime } from '../jobs/runtime.ts';
import { executeSql } from '../db/client.ts';
import { createLogger } from '../logging.ts';
import { defineReconciliationHandler } from './handler.ts';
import { PROCUREGRAPH, type FindingInput } from './findings.ts';
import { findRun, listFindings, openRun, resolveFinding, runParts } from './reconciliation-store.ts';
import { reconciliationParts } from './reconciliation-tables.ts';
import { runReconciliationSlice, type PartPhase, type ReconciliationComparer } from './run-part.ts';
import { dueSince, reconciliationTimes } from './schedule.ts';
import { startReconciliationRun } from './start-run.ts';

/**
 * The run engine against a system held in memory: five pages of system records (two of them
 * drifted, one unknown to the canonical store) and canonical records of which one the system lacks.
 */
const SYSTEM = Array.from({ length: 10 }, (_, index) => ({ id: `S${index}`, name: index === 3 ? 'Drifted' : `Name ${index}` }));
const CANONICAL = [
  ...SYSTEM.filter((record) => record.id !== 'S7').map((record) => ({ ...record, name: `Name ${record.id.slice(1)}` })),
  { id: 'S99', name: 'Only here' },
];
const PAGE = 2;

/** `failOnPage`: the system's page (from 0) that fails once; `failAfterKey`: the canonical page after that key that does. */
function memoryComparer(
  options: { failOnPage?: number; failAfterKey?: string } = {},
): ReconciliationComparer & { pagesRead: number; canonicalPagesRead: number } {
  let failures = options.failOnPage === undefined ? 0 : 1;
  let canonicalFailures = options.failAfterKey === undefined ? 0 : 1;
  const comparer = {
    pagesRead: 0,
    canonicalPagesRead: 0,
    async comparePage(checkpoint: Record<string, unknown> | null) {
      const offset = Number(checkpoint?.offset ?? 0);
      if (failures > 0 && offset / PAGE === options.failOnPage) {
        failures -= 1;
        throw new Error('the system went away');
      }
      comparer.pagesRead += 1;
      const page = SYSTEM.slice(offset, offset + PAGE);
      const findings: FindingInput[] = page.flatMap((record): FindingInput[] => {
        const canonical = CANONICAL.find((candidate) => candidate.id === record.id);
        const base = { recordType: 'SUPPLIER' as const, recordKey: record.id, externalId: record.id, systemOfRecord: PROCUREGRAPH };
        if (!canonical) return [{ ...base, recordId: null, kind: 'MISSING_IN_CANONICAL', systemValue: record.name }];
        if (canonical.name === record.name) return [];
        return [
          {
            ...base,
            recordId: canonical.id,
            kind: 'FIELD_MISMATCH',
            field: 'legalName',
            canonicalValue: canonical.name,
            systemValue: record.name,
          },
        ];
      });
      const next = offset + PAGE < SYSTEM.length ? { offset: offset + PAGE } : null;
      return { compared: page.length, seenKeys: page.map((record) => record.id), findings, next };
    },
    async canonicalPage(afterKey: string | null) {
      if (canonicalFailures > 0 && afterKey === options.failAfterKey) {
        canonicalFailures -= 1;
        throw new Error('the canonical store went away');
      }
      comparer.canonicalPagesRead += 1;
      const sorted = [...CANONICAL].sort((a, b) => a.id.localeCompare(b.id)).filter((record) => afterKey === null || record.id > afterKey);
      const page = sorted.slice(0, PAGE);
      return {
        records: page.map((record) => ({
          recordKey: record.id,
          finding: {
            recordType: 'SUPPLIER' as const,
            recordKey: record.id,
            recordId: record.id,
            externalId: record.id,
            kind: 'MISSING_IN_SYSTEM' as const,
            canonicalValue: record.name,
            systemOfRecord: PROCUREGRAPH,
          },
        })),
        next: sorted.length > PAGE ? page.at(-1)!.id : null,
      };
    },
  };
  return comparer;
}

const EXPECTED = [
  { kind: 'FIELD_MISMATCH', recordKey: 'S3', field: 'legalName', canonicalValue: 'Name 3', systemValue: 'Drifted' },
  { kind: 'MISSING_IN_CANONICAL', recordKey: 'S7', field: '', canonicalValue: null, systemValue: 'Name 7' },
  { kind: 'MISSING_IN_SYSTEM', recordKey: 'S99', field: '', canonicalValue: 'Only here', systemValue: null },
];

describe.each(databaseTargets)('reconciliation runs on %s', (target) => {
  let database: FreshDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'reconciliation');
    await migratePlatform(database.client);
    db = createServiceDatabase(database.client, 'platform').db;
  });
  afterAll(() => database?.drop());

  async function runToEnd(comparer: ReconciliationComparer, budgetMs = 60_000) {
    const run = (await openRun(db, 'ERP', 'ON_DEMAND', ['suppliers']))!;
    const scope = { runId: run.id, service: 'suppliers', system: 'ERP' as const };
    let slices = 0;
    // The run's recordsCompared and canonicalRecordsChecked and its part's phase, before the first
    // slice and after each: what an operator watching the run sees.
    const progress: [number, number, PartPhase][] = [];
    const watch = async () => {
      const current = (await findRun(db, run.id))!;
      const [part] = await runParts(db, current);
      progress.push([current.recordsCompared, current.canonicalRecordsChecked, part!.phase]);
    };
    await watch();
    for (;;) {
      slices += 1;
      const outcome = await runReconciliationSlice(db, scope, comparer, { budgetMs }).catch(async (error: unknown) => {
        // A crashed job: its lease lapses before pg-boss retries it.
        await db.update(reconciliationParts).set({ leaseUntil: null }).where(eq(reconciliationParts.runId, run.id));
        return { more: true as const, continuation: -1, error };
      });
      await watch();
      if (!outcome.more) break;
    }
    const findings = (await listFindings(db, { runId: run.id }, { first: 50 })).nodes;
    const shape = findings
      .map(({ kind, recordKey, field, canonicalValue, systemValue }) => ({ kind, recordKey, field, canonicalValue, systemValue }))
      .sort((a, b) => a.recordKey.localeCompare(b.recordKey));
    return { run: (await findRun(db, run.id))!, findings, shape, slices, progress };
  }

  it('pages through the system and the canonical records, and finds each kind of drift', async () => {
    const { run, shape } = await runToEnd(memoryComparer());
    expect(shape).toEqual(EXPECTED);
    // Ten records of the system, and the one canonical record it lacks; all ten canonical records checked.
    expect(run).toMatchObject({ state: 'COMPLETED', recordsCompared: 11, canonicalRecordsChecked: 10, findingsCount: 3, repairedCount: 0 });
    expect(run.finishedAt).toBeInstanceOf(Date);
    const [part] = await db.select().from(reconciliationParts).where(eq(reconciliationParts.runId, run.id));
    expect(part).toMatchObject({ state: 'COMPLETED', recordsCompared: 11, canonicalRecordsChecked: 10, pages: 10 });
    expect(await runParts(db, run)).toEqual([
      { service: 'suppliers', phase: 'COMPLETED', recordsCompared: 11, canonicalRecordsChecked: 10 },
    ]);
    // The second pass began by analyzing the seen table, then holding the first pass's ten keys
    // (never analyzed, it would say -1): its lookups are planned on the table's real size.
    const [seen] = await executeSql<{ rows: number }>(
      database.client,
      `select reltuples::int as rows from pg_class where oid = 'platform.reconciliation_seen'::regclass`,
    );
    expect(seen!.rows).toBe(10);
  });

  it('records a drift still unsettled once, however many runs meet it; a resolved one again', async () => {
    const second = await runToEnd(memoryComparer());
    expect(second.shape).toEqual([]);
    expect(second.run).toMatchObject({ state: 'COMPLETED', recordsCompared: 11, findingsCount: 0 });
    const open = (await listFindings(db, { state: 'OPEN', kind: 'FIELD_MISMATCH' }, { first: 5 })).nodes;
    expect(open).toHaveLength(1);
    expect((await resolveFinding(db, open[0]!.id, 'Renamed on purpose', 'tester'))?.state).toBe('RESOLVED');
    expect(await resolveFinding(db, open[0]!.id, 'again', 'tester')).toBeNull();
    const third = await runToEnd(memoryComparer());
    expect(third.shape).toEqual([EXPECTED[0]]);
    for (const finding of (await listFindings(db, { state: 'OPEN' }, { first: 50 })).nodes) {
      await resolveFinding(db, finding.id, 'cleared for the next test', 'tester');
    }
  });

  it('resumes a part that failed mid-way from its last page, with the same findings and counts', async () => {
    const comparer = memoryComparer({ failOnPage: 3 });
    const { run, shape } = await runToEnd(comparer);
    expect(shape).toEqual(EXPECTED);
    expect(run).toMatchObject({ state: 'COMPLETED', recordsCompared: 11, canonicalRecordsChecked: 10, findingsCount: 3 });
    // Five pages of the system, each read once: the three done before the failure were not read again.
    expect(comparer.pagesRead).toBe(5);
  });

  it('resumes a part that failed in its canonical pass without checking a canonical record twice', async () => {
    for (const finding of (await listFindings(db, { state: 'OPEN' }, { first: 50 })).nodes) {
      await resolveFinding(db, finding.id, 'cleared for this test', 'tester');
    }
    // The canonical keys in order: S0 S1 | S2 S3 | S4 S5 | S6 S8 | S9 S99; the third page fails once.
    const comparer = memoryComparer({ failAfterKey: 'S3' });
    const { run, shape, progress } = await runToEnd(comparer);
    expect(shape).toEqual(EXPECTED);
    expect(progress).toEqual([
      [0, 0, 'WAITING'],
      [10, 4, 'CANONICAL'],
      [11, 10, 'COMPLETED'],
    ]);
    expect(run).toMatchObject({ state: 'COMPLETED', recordsCompared: 11, canonicalRecordsChecked: 10, findingsCount: 3 });
    expect(comparer.canonicalPagesRead).toBe(5);
  });

  it('hands over to the next slice when its time is up, and a second slice of a leased part is retried, not ended', async () => {
    for (const finding of (await listFindings(db, { state: 'OPEN' }, { first: 50 })).nodes) {
      await resolveFinding(db, finding.id, 'cleared for this test', 'tester');
    }
    const { run, shape, slices, progress } = await runToEnd(memoryComparer(), 0);
    expect(shape).toEqual(EXPECTED);
    expect(run).toMatchObject({ recordsCompared: 11, canonicalRecordsChecked: 10 });
    // One page a slice: five of the system, then five of the canonical records, during which only
    // canonicalRecordsChecked moves until the last page meets the record the system lacks.
    expect(slices).toBe(10);
    expect(progress).toEqual([
      [0, 0, 'WAITING'],
      [2, 0, 'SYSTEM'],
      [4, 0, 'SYSTEM'],
      [6, 0, 'SYSTEM'],
      [8, 0, 'SYSTEM'],
      [10, 0, 'CANONICAL'],
      [10, 2, 'CANONICAL'],
      [10, 4, 'CANONICAL'],
      [10, 6, 'CANONICAL'],
      [10, 8, 'CANONICAL'],
      [11, 10, 'COMPLETED'],
    ]);
    const other = (await openRun(db, 'ERP', 'ON_DEMAND', ['suppliers']))!;
    const scope = { runId: other.id, service: 'suppliers', system: 'ERP' as const };
    expect(await runReconciliationSlice(db, scope, memoryComparer(), { budgetMs: 0 })).toEqual({ more: true, continuation: 1 });
    expect(await openRun(db, 'ERP', 'ON_DEMAND', ['suppliers'])).toBeNull();
    await db
      .update(reconciliationParts)
      .set({ leaseUntil: new Date(Date.now() + 60_000) })
      .where(eq(reconciliationParts.runId, other.id));
    // Not the part's end: the job is retried until the lease lapses, or the part is stranded.
    await expect(runReconciliationSlice(db, scope, memoryComparer(), { budgetMs: 60_000 })).rejects.toThrow(
      /^the suppliers part of run .* is leased until /,
    );
    expect((await findRun(db, other.id))?.state).toBe('RUNNING');
    expect(newId()).not.toBe(other.id);
  });
});

describe.each(databaseTargets)('a run whose part is dead-lettered, on %s', (target) => {
  let database: FreshDatabase;
  let db: Database;
  let jobs: JobRuntime;
  let reachable = false;
  const bossSchema = uniqueName('boss');

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'reconciliation_dead');
    await migratePlatform(database.client);
    db = createServiceDatabase(database.client, 'platform').db;
    const service = await createTestService(database.client, 'recon');
    jobs = createJobRuntime({
      client: database.client,
      service: service.name,
      logger: createLogger('reconciliation-test'),
      bossSchema,
      pollIntervalMs: 200,
    });
    const system = memoryComparer();
    defineReconciliationHandler(jobs, db, {
      system: 'ERP',
      comparer: {
        comparePage: (checkpoint) => (reachable ? system.comparePage(checkpoint) : Promise.reject(new Error('the ERP is unreachable'))),
        canonicalPage: (afterKey) => system.canonicalPage(afterKey),
      },
      sliceMs: 60_000,
      retry: { limit: 1, delaySeconds: 1 },
    });
    await jobs.start();
  });
  afterAll(async () => {
    await jobs?.stop();
    await database?.drop();
  });

  const runReaching = (id: string, state: 'FAILED' | 'COMPLETED') =>
    vi.waitFor(
      async () => {
        const run = await findRun(db, id);
        if (run?.state !== state) throw new Error(`run ${id} is ${run?.state}, not ${state} yet`);
        return run;
      },
      { timeout: 30_000, interval: 200 },
    );

  it(
    'ends FAILED with the error once its last retry fails, and the next run of the system starts and completes',
    { timeout: 60_000 },
    async () => {
      const operations = createJobOperations({ client: database.client, bossSchema, sender: jobSender(database.client, bossSchema) });
      const first = await startReconciliationRun(db, operations, 'ERP', 'ON_DEMAND');
      if (!first.started) throw new Error(first.message);
      const failed = await runReaching(first.run.id, 'FAILED');
      expect(failed).toMatchObject({ state: 'FAILED', recordsCompared: 0, findingsCount: 0, finishedAt: expect.any(Date) });
      expect(failed.error).toBe(`${jobs.service}: Error: the ERP is unreachable`);
      // The run failed in the job's last attempt; pg-boss dead-letters the job right after.
      await vi.waitFor(async () => expect((await jobs.deadLetters({ first: 5 })).nodes).toHaveLength(1), { timeout: 10_000 });

      reachable = true;
      const second = await startReconciliationRun(db, operations, 'ERP', 'ON_DEMAND');
      if (!second.started) throw new Error(second.message);
      const completed = await runReaching(second.run.id, 'COMPLETED');
      expect(completed).toMatchObject({ state: 'COMPLETED', recordsCompared: 11, findingsCount: 3 });
      expect((await findRun(db, first.run.id))?.state).toBe('FAILED');
    },
  );
});

describe.each(databaseTargets)('a run whose slice dies on its last attempt, on %s', (target) => {
  let database: FreshDatabase;
  let db: Database;
  const bossSchema = uniqueName('boss');
  const runtimes: JobRuntime[] = [];
  // The silent runtime's second page stands for a process killed in the middle of it.
  let hanging = true;
  let releaseHang: (error: Error) => void = () => {};
  const hang = new Promise<never>((_, reject) => (releaseHang = reject));

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'reconciliation_killed');
    await migratePlatform(database.client);
    db = createServiceDatabase(database.client, 'platform').db;
  });
  afterAll(async () => {
    releaseHang(new Error('released'));
    for (const runtime of runtimes.reverse()) await runtime.stop();
    await database?.drop();
  });

  async function runtime(name: string, heartbeat: { intervalSeconds: number; deadAfterSeconds: number }): Promise<JobRuntime> {
    const service = await createTestService(database.client, name);
    const jobs = createJobRuntime({
      client: database.client,
      service: service.name,
      logger: createLogger(name),
      bossSchema,
      heartbeat,
      pollIntervalMs: 200,
    });
    runtimes.push(jobs);
    return jobs;
  }

  it('ends FAILED with the hand-back as its error, and the next run of the system starts and completes', { timeout: 60_000 }, async () => {
    // Beats once a minute but is dead after 3 s of silence: killed, to the live runtime below.
    const silent = await runtime('recon_silent', { intervalSeconds: 60, deadAfterSeconds: 3 });
    const system = memoryComparer();
    defineReconciliationHandler(silent, db, {
      system: 'ERP',
      comparer: {
        comparePage: (checkpoint) => (hanging && Number(checkpoint?.offset ?? 0) === PAGE ? hang : system.comparePage(checkpoint)),
        canonicalPage: (afterKey) => system.canonicalPage(afterKey),
      },
      sliceMs: 60_000,
      retry: { limit: 0, delaySeconds: 1 },
    });
    await silent.start();
    const operations = createJobOperations({ client: database.client, bossSchema, sender: jobSender(database.client, bossSchema) });
    const first = await startReconciliationRun(db, operations, 'ERP', 'ON_DEMAND');
    if (!first.started) throw new Error(first.message);
    await vi.waitFor(
      async () => {
        const [part] = await db.select().from(reconciliationParts).where(eq(reconciliationParts.runId, first.run.id));
        expect(part?.pages).toBe(1);
      },
      { timeout: 15_000, interval: 100 },
    );
    await executeSql(
      database.client,
      `UPDATE platform.worker_instances SET process_id = 'a-killed-process' WHERE boss_schema = $1 AND service = $2`,
      [bossSchema, silent.service],
    );
    expect((await startReconciliationRun(db, operations, 'ERP', 'ON_DEMAND')).started).toBe(false);

    // A live runtime of another service hands the killed slice back: its last attempt, so dead-lettered.
    const live = await runtime('recon_live', { intervalSeconds: 1, deadAfterSeconds: 3 });
    live.defineHandler({ queue: 'idle', handler: async () => {} });
    await live.start();
    await vi.waitFor(async () => expect((await silent.deadLetters({ first: 5 })).nodes).toHaveLength(1), {
      timeout: 20_000,
      interval: 200,
    });
    expect((await findRun(db, first.run.id))?.state).toBe('RUNNING');

    const second = await startReconciliationRun(db, operations, 'ERP', 'ON_DEMAND');
    if (!second.started) throw new Error(second.message);
    const failed = (await findRun(db, first.run.id))!;
    expect(failed).toMatchObject({ state: 'FAILED', recordsCompared: 2, finishedAt: expect.any(Date) });
    expect(failed.error).toMatch(/^a slice was dead-lettered: worker \S+ \(pid \d+\) stopped: no heartbeat since \d{4}-/);

    // The killed slice's process is gone for good: its page never comes back.
    hanging = false;
    releaseHang(new Error('the process is gone'));
    await vi.waitFor(
      async () => expect(await findRun(db, second.run.id)).toMatchObject({ state: 'COMPLETED', recordsCompared: 11, findingsCount: 3 }),
      { timeout: 20_000, interval: 200 },
    );
    expect((await findRun(db, first.run.id))?.state).toBe('FAILED');
  });
});

describe('the nightly schedule', () => {
  it('reads one time for every system, each overridable or off', () => {
    expect(
      reconciliationTimes({
        RECONCILIATION_SCHEDULE: '02:00',
        RECONCILIATION_SCHEDULE_ERP: '03:30',
        RECONCILIATION_SCHEDULE_VENDOR_PLATFORM: undefined,
        RECONCILIATION_SCHEDULE_CONTRACT_REPOSITORY: 'off',
      }),
    ).toEqual({ ERP: '03:30', VENDOR_PLATFORM: '02:00', CONTRACT_REPOSITORY: null });
  });

  it('is due from its time today (UTC) on', () => {
    expect(dueSince('02:00', new Date('2026-12-04T01:59:59Z'))).toBeNull();
    expect(dueSince('02:00', new Date('2026-12-04T02:00:00Z'))).toEqual(new Date('2026-12-04T02:00:00Z'));
    expect(dueSince('02:00', new Date('2026-12-04T23:10:00Z'))).toEqual(new Date('2026-12-04T02:00:00Z'));
  });
});
