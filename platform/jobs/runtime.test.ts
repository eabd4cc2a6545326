import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DatabaseClient } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import type { BackingSystem } from '../db/integration-tables.ts';
import { createLogger } from '../logging.ts';
import { metricsRegistry } from '../metrics.ts';
import { appendToOutbox } from '../outbox/outbox.ts';
import { createOutboxRelay, type OutboxRelay } from '../outbox/relay.ts';
import { RemoteHttpError } from '../resilience/failures.ts';
import { BackingSystemPolicies, type BreakerState } from '../resilience/system-policies.ts';
import { createRemoteRecord, startRemoteSystem, type RemoteSystem } from './fixtures/remote-system.ts';
import {
  createTestService,
  databaseTargets,
  disposeTestClient,
  openTestClient,
  uniqueName,
  type TestService,
} from './fixtures/test-database.ts';
import { bossDatabase } from './boss-database.ts';
import { markSyncPending } from './sync-status.ts';
import { createJobRuntime, type JobRuntime, type JobRuntimeOptions } from './runtime.ts';

const logger = createLogger('jobs-test');

describe.each(databaseTargets)('job runtime on %s', (target) => {
  let client: DatabaseClient;
  let service: TestService;
  let remote: RemoteSystem;
  const bossSchema = uniqueName('boss');
  const running: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    client = await openTestClient(target);
    service = await createTestService(client, 'jobs');
    remote = await startRemoteSystem();
  });

  afterAll(async () => {
    for (const component of running.reverse()) await component.stop();
    await remote.close();
    await disposeTestClient(client, [service.name, bossSchema]);
  });

  function runtime(policies: BackingSystemPolicies, overrides: Partial<JobRuntimeOptions> = {}): JobRuntime {
    const jobs = createJobRuntime({
      client,
      service: service.name,
      logger,
      policies,
      bossSchema,
      pollIntervalMs: 200,
      retry: { limit: 10, delaySeconds: 1, expireInSeconds: 5 },
      ...overrides,
    });
    running.push(jobs);
    return jobs;
  }

  async function startRelay(jobs: JobRuntime): Promise<OutboxRelay> {
    const relay = createOutboxRelay({ client, service: service.name, jobs, logger, pollIntervalMs: 200 });
    running.push(relay);
    await relay.start();
    return relay;
  }

  /** What a mutation does: its change, the PENDING sync state and the event, in one transaction. */
  async function write(
    topic: string,
    system: BackingSystem,
    payload: Record<string, unknown>,
  ): Promise<{ eventId: string; entityId: string }> {
    const entityId = newId();
    const eventId = await service.db.transaction(async (tx) => {
      await markSyncPending(tx, service.tables.syncStatus, entityId, system);
      return appendToOutbox(tx, service.tables.outbox, { topic, aggregateId: entityId, payload });
    });
    return { eventId, entityId };
  }

  async function syncStates(system: BackingSystem) {
    const table = service.tables.syncStatus;
    return service.db.select().from(table).where(eq(table.system, system));
  }

  it('keeps the shared connection usable when a pg-boss script fails halfway', async () => {
    const database = bossDatabase(client);
    await expect(database.executeSql('BEGIN; SELECT 1; SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    expect((await database.executeSql('SELECT $1::int AS n', [7])).rows).toEqual([{ n: 7 }]);
  });

  it('delivers a burst of 200 writes made during an outage exactly once after recovery', { timeout: 90_000 }, async () => {
    const policies = new BackingSystemPolicies({ timeoutMs: 1000, failureThreshold: 3, halfOpenAfterMs: 300 });
    const transitions: BreakerState[] = [];
    policies.for('ERP').onStateChange((state) => transitions.push(state));
    const jobs = runtime(policies);
    jobs.defineHandler({
      queue: 'create-erp-record',
      topic: 'BurstRecordRequested',
      system: 'ERP',
      concurrency: 10,
      handler: async (job) => {
        await createRemoteRecord(remote.url, job);
      },
    });
    await jobs.start();
    await startRelay(jobs);

    remote.outage = true;
    const writes = [];
    for (let n = 0; n < 200; n += 1) writes.push(await write('BurstRecordRequested', 'ERP', { n }));

    await vi.waitFor(() => expect(transitions).toContain('OPEN'), { timeout: 10_000, interval: 50 });
    const waiting = new RegExp(`jobs_backlog\\{service="${service.name}",queue="${service.name}.create-erp-record",system="ERP"\\} (\\d+)`);
    const backlog = async () => Number((await metricsRegistry.getSingleMetricAsString('jobs_backlog')).match(waiting)?.[1]);
    await vi.waitFor(async () => expect(await backlog()).toBeGreaterThanOrEqual(190), { timeout: 10_000, interval: 100 });
    expect(remote.records.size).toBe(0);
    remote.outage = false;

    await vi.waitFor(() => expect(remote.records.size).toBe(200), { timeout: 60_000, interval: 100 });
    const keys = writes.map(({ eventId }) => `${service.name}.create-erp-record:${eventId}`);
    expect([...remote.records.keys()].sort()).toEqual([...keys].sort());
    expect(remote.creations).toBe(200);
    expect([...remote.records.values()].map((record) => record.body.n).sort((a, b) => Number(a) - Number(b))).toEqual(
      writes.map((_, n) => n),
    );

    await vi.waitFor(async () => expect((await syncStates('ERP')).filter((row) => row.state === 'SYNCED')).toHaveLength(200), {
      timeout: 5000,
      interval: 100,
    });
    expect(transitions.at(-1)).toBe('CLOSED');
    expect(await metricsRegistry.getSingleMetricAsString('jobs_completed_total')).toContain(
      `jobs_completed_total{service="${service.name}",queue="${service.name}.create-erp-record",system="ERP"} 200`,
    );
    expect(policies.for('ERP').summary().state).toBe('CLOSED');
    expect(await (await jobs.deadLetters({})).totalCount()).toBe(0);
  });

  it(
    'dead-letters a rejected payload at once, lists it with its error, and replays it once after the fix',
    { timeout: 30_000 },
    async () => {
      const policies = new BackingSystemPolicies({ timeoutMs: 1000, failureThreshold: 3, halfOpenAfterMs: 300 });
      const jobs = runtime(policies);
      jobs.defineHandler({
        queue: 'register-vendor',
        topic: 'VendorRegistrationRequested',
        system: 'VENDOR_PLATFORM',
        handler: async (job) => {
          await createRemoteRecord(remote.url, job);
        },
      });
      await jobs.start();
      await startRelay(jobs);
      remote.reject = (body) => (body.taxId === 'bad' ? 'taxId is not a valid EIN' : null);

      const rejected = await write('VendorRegistrationRequested', 'VENDOR_PLATFORM', { taxId: 'bad' });
      const accepted = await write('VendorRegistrationRequested', 'VENDOR_PLATFORM', { taxId: '12-3456789' });
      const rejectedKey = `${service.name}.register-vendor:${rejected.eventId}`;

      await vi.waitFor(async () => expect(await (await jobs.deadLetters({ system: 'VENDOR_PLATFORM' })).totalCount()).toBe(1), {
        timeout: 10_000,
        interval: 100,
      });
      const [deadLetter] = (await jobs.deadLetters({ system: 'VENDOR_PLATFORM' })).nodes;
      expect(deadLetter).toMatchObject({
        queue: 'register-vendor',
        system: 'VENDOR_PLATFORM',
        entityId: rejected.entityId,
        eventId: rejected.eventId,
        payload: { taxId: 'bad' },
        attempts: 1,
      });
      expect(deadLetter?.lastError).toContain('taxId is not a valid EIN');
      expect(remote.requests.get(rejectedKey)).toBe(1);
      expect(remote.records.has(`${service.name}.register-vendor:${accepted.eventId}`)).toBe(true);
      expect(policies.for('VENDOR_PLATFORM').summary().state).toBe('CLOSED');
      const [status] = (await syncStates('VENDOR_PLATFORM')).filter((row) => row.entityId === rejected.entityId);
      expect(status).toMatchObject({ state: 'DEAD_LETTERED', attempts: 1 });
      expect(status?.lastError).toContain('422');

      remote.reject = () => null;
      const replays = await Promise.all([jobs.replayDeadLetter(deadLetter!.id), jobs.replayDeadLetter(deadLetter!.id)]);
      expect(replays.filter((replay) => replay.replayed)).toHaveLength(1);
      expect(await jobs.replayDeadLetter(deadLetter!.id)).toEqual({ replayed: false });

      await vi.waitFor(() => expect(remote.records.has(rejectedKey)).toBe(true), { timeout: 10_000, interval: 100 });
      await vi.waitFor(
        async () =>
          expect((await syncStates('VENDOR_PLATFORM')).find((row) => row.entityId === rejected.entityId)).toMatchObject({
            state: 'SYNCED',
            lastError: null,
          }),
        { timeout: 5000, interval: 100 },
      );
      expect(remote.requests.get(rejectedKey)).toBe(2);
      expect(remote.creations).toBe(remote.records.size);
      expect(await (await jobs.deadLetters({ system: 'VENDOR_PLATFORM' })).totalCount()).toBe(0);
    },
  );

  it('retries a failing call with backoff and dead-letters it after the last retry', { timeout: 30_000 }, async () => {
    const policies = new BackingSystemPolicies({ timeoutMs: 1000, failureThreshold: 10, halfOpenAfterMs: 300 });
    const jobs = runtime(policies);
    const attempts: number[] = [];
    jobs.defineHandler({
      queue: 'publish-contract',
      system: 'CONTRACT_REPOSITORY',
      retry: { limit: 2, delaySeconds: 1 },
      handler: async (job) => {
        attempts.push(job.attempt);
        throw new RemoteHttpError(500, 'contract repository failed');
      },
    });
    await jobs.start();
    const entityId = newId();
    const started = Date.now();
    await jobs.enqueue('publish-contract', { entityId, payload: { contract: 'C-1' } });

    await vi.waitFor(async () => expect(await (await jobs.deadLetters({ system: 'CONTRACT_REPOSITORY' })).totalCount()).toBe(1), {
      timeout: 15_000,
      interval: 100,
    });
    // Two retries: the first after 1-2 s, the second after 2-4 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(attempts).toEqual([1, 2, 3]);
    const [deadLetter] = (await jobs.deadLetters({ system: 'CONTRACT_REPOSITORY' })).nodes;
    expect(deadLetter).toMatchObject({ queue: 'publish-contract', entityId, attempts: 3 });
    expect(deadLetter?.lastError).toContain('contract repository failed');
    const [summary] = (await jobs.systemSummaries()).filter((entry) => entry.system === 'CONTRACT_REPOSITORY');
    expect(summary).toMatchObject({ deadLettered: 1, waiting: 0, active: 0 });
  });

  it('retries a 409 "request still in progress" instead of dead-lettering it', { timeout: 30_000 }, async () => {
    const jobs = runtime(new BackingSystemPolicies({ timeoutMs: 1000, failureThreshold: 10, halfOpenAfterMs: 300 }));
    const attempts: number[] = [];
    jobs.defineHandler({
      queue: 'post-invoice',
      system: 'ERP',
      retry: { limit: 2, delaySeconds: 1 },
      handler: async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) throw new RemoteHttpError(409, 'FND-REST-IDEMPOTENCY-KEY-IN-USE: still being processed', '1');
      },
    });
    await jobs.start();
    await jobs.enqueue('post-invoice', { entityId: newId(), payload: { invoice: 'INV-1' } });

    await vi.waitFor(() => expect(attempts).toEqual([1, 2]), { timeout: 15_000, interval: 100 });
    await vi.waitFor(
      async () =>
        expect((await jobs.systemSummaries()).find((entry) => entry.system === 'ERP')).toMatchObject({
          deadLettered: 0,
          waiting: 0,
          active: 0,
        }),
      { timeout: 5000, interval: 100 },
    );
    expect(await (await jobs.deadLetters({ system: 'ERP' })).totalCount()).toBe(0);
  });

  it('shares one queue between two runtimes without running any job twice', { timeout: 30_000 }, async () => {
    const policies = new BackingSystemPolicies({ timeoutMs: 2000 });
    const runs = new Map<string, number>();
    const ranBy = new Set<string>();
    const runtimes = ['a', 'b'].map((name) => {
      const jobs = runtime(policies);
      jobs.defineHandler({
        queue: 'shared-work',
        system: 'ERP',
        concurrency: 4,
        handler: async (job) => {
          runs.set(job.eventId, (runs.get(job.eventId) ?? 0) + 1);
          ranBy.add(name);
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
        },
      });
      return jobs;
    });
    await Promise.all(runtimes.map((jobs) => jobs.start()));
    const ids = Array.from({ length: 100 }, () => newId());
    for (const id of ids) await runtimes[0]!.enqueue('shared-work', { id, entityId: newId(), payload: {} });
    expect(await runtimes[1]!.enqueue('shared-work', { id: ids[0], entityId: newId(), payload: {} })).toBeNull();

    await vi.waitFor(() => expect(runs.size).toBe(100), { timeout: 20_000, interval: 100 });
    // A job that could run a second time would still be waiting or running.
    const unfinished = async () => {
      let count = 0;
      for (const state of ['created', 'retry', 'active'] as const) {
        const { nodes } = await runtimes[0]!.listJobs({ state, system: 'ERP', first: 200 });
        count += nodes.filter((job) => ids.includes(job.eventId!)).length;
      }
      return count;
    };
    await vi.waitFor(async () => expect(await unfinished()).toBe(0), { timeout: 10_000, interval: 100 });
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(ranBy).toEqual(new Set(['a', 'b']));
    const completed = await runtimes[0]!.listJobs({ state: 'completed', system: 'ERP', first: 200 });
    expect(await completed.totalCount()).toBeGreaterThanOrEqual(100);
  });
});
