import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { executeSql, listen, type DatabaseClient } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import {
  createTestService,
  databaseTargets,
  disposeTestClient,
  openTestClient,
  uniqueName,
  type TestService,
} from '../jobs/fixtures/test-database.ts';
import type { Connection } from '../graphql/connection.ts';
import type { JobSummary } from '../jobs/job-operations.ts';
import { createJobRuntime, type JobRuntime } from '../jobs/runtime.ts';
import { createLogger } from '../logging.ts';
import { BackingSystemPolicies } from '../resilience/system-policies.ts';
import { EVENTS_CHANNEL, type EventNotification } from '../events/notification.ts';
import { appendToOutbox } from './outbox.ts';
import { createOutboxRelay, type OutboxRelay } from './relay.ts';

const logger = createLogger('relay-test');

describe.each(databaseTargets)('outbox relay on %s', (target) => {
  let client: DatabaseClient;
  let service: TestService;
  let jobs: JobRuntime;
  const bossSchema = uniqueName('boss');
  const runs = new Map<string, number>();
  const otherRuns = new Map<string, number>();
  const notifications: EventNotification[] = [];
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    client = await openTestClient(target);
    service = await createTestService(client, 'relay');
    jobs = createJobRuntime({
      client,
      service: service.name,
      logger,
      bossSchema,
      pollIntervalMs: 200,
      policies: new BackingSystemPolicies(),
    });
    jobs.defineHandler({
      queue: 'record-run',
      topic: 'ThingHappened',
      concurrency: 10,
      handler: async (job) => {
        runs.set(job.eventId, (runs.get(job.eventId) ?? 0) + 1);
      },
    });
    jobs.defineHandler({
      queue: 'record-other',
      topic: 'OtherThingHappened',
      handler: async (job) => {
        otherRuns.set(job.eventId, (otherRuns.get(job.eventId) ?? 0) + 1);
      },
    });
    await jobs.start();
    stops.push(() => jobs.stop());
    const unlisten = await listen(client, EVENTS_CHANNEL, (payload) => {
      const event = JSON.parse(payload) as EventNotification;
      if (event.service === service.name) notifications.push(event);
    });
    stops.push(unlisten);
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await disposeTestClient(client, [service.name, bossSchema]);
  });

  function relay(pollIntervalMs = 200, batchSize = 100): OutboxRelay {
    const created = createOutboxRelay({ client, service: service.name, jobs, logger, pollIntervalMs, batchSize });
    stops.push(() => created.stop());
    return created;
  }

  async function append(count: number, payload: (n: number) => Record<string, unknown> = (n) => ({ n })): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 0; n < count; n += 1) {
      ids.push(
        await service.db.transaction((tx) =>
          appendToOutbox(tx, service.tables.outbox, { topic: 'ThingHappened', aggregateId: newId(), payload: payload(n) }),
        ),
      );
    }
    return ids;
  }

  /** Every job created for the given events, read page by page. */
  async function jobsOfEvents(ids: string[]): Promise<JobSummary[]> {
    const found: JobSummary[] = [];
    let after: string | null = null;
    do {
      const page: Connection<JobSummary> = await jobs.listJobs({ first: 200, after });
      found.push(...page.nodes.filter((job) => ids.includes(job.eventId!)));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return found;
  }

  async function undispatched(): Promise<number> {
    const { outbox } = service.tables;
    const [row] = await service.db
      .select({ count: sql<number>`count(*)::int` })
      .from(outbox)
      .where(sql`${outbox.dispatchedAt} is null`);
    return row?.count ?? 0;
  }

  it('dispatches events in order as jobs keyed by event id and notifies live listeners', { timeout: 20_000 }, async () => {
    notifications.length = 0;
    const ids = await append(30, (n) => ({ n, note: 'x'.repeat(n === 29 ? 9000 : 0) }));
    expect(await relay(60_000, 7).dispatchPending()).toBe(30);

    expect(await undispatched()).toBe(0);
    await vi.waitFor(() => expect(notifications).toHaveLength(30), { timeout: 2000, interval: 20 });
    expect(notifications.map((event) => event.eventId)).toEqual(ids);
    expect(notifications[0]).toMatchObject({ topic: 'ThingHappened', payload: { n: 0, note: '' } });
    // Too large for NOTIFY: listeners get the envelope and read the event where it is kept.
    expect(notifications[29]?.payload).toBeUndefined();
    await vi.waitFor(() => expect(ids.every((id) => runs.get(id) === 1)).toBe(true), { timeout: 10_000, interval: 50 });
  });

  it('turns a batch of several topics into a job per subscribed queue and a queued step each', { timeout: 20_000 }, async () => {
    const topics = ['ThingHappened', 'OtherThingHappened', 'NobodyListens'];
    const written = await service.db.transaction(async (tx) => {
      const events = topics.flatMap((topic) => [1, 2].map(() => ({ topic, aggregateId: newId(), payload: { topic } })));
      const written: Array<(typeof events)[number] & { eventId: string }> = [];
      for (const event of events) written.push({ ...event, eventId: await appendToOutbox(tx, service.tables.outbox, event) });
      return written;
    });
    expect(await relay(60_000, 100).dispatchPending()).toBe(6);

    const byStep = (a: { step: string }, b: { step: string }) => (a.step < b.step ? -1 : 1);
    const queued = await executeSql<{ step: string; outcome: string; service: string }>(
      client,
      `SELECT action || ' ' || entity_id::text AS step, outcome, service FROM platform.journey_steps
       WHERE entity_id = ANY($1::uuid[]) AND action LIKE '%: queued'`,
      [written.map((event) => event.aggregateId)],
    );
    const expected = (topic: string, queue: string) =>
      written
        .filter((event) => event.topic === topic)
        .map((event) => ({ step: `${queue}: queued ${event.aggregateId}`, outcome: 'PENDING', service: service.name }));
    expect(queued.sort(byStep)).toEqual(
      [...expected('OtherThingHappened', 'record-other'), ...expected('ThingHappened', 'record-run')].sort(byStep),
    );
    const jobsOf = await jobsOfEvents(written.map((event) => event.eventId));
    const jobOf = (topic: string, queue: string) =>
      written.filter((event) => event.topic === topic).map((event) => `${event.eventId} ${event.aggregateId} ${queue}`);
    expect(jobsOf.map((job) => `${job.eventId} ${job.entityId} ${job.queue}`).sort()).toEqual(
      [...jobOf('ThingHappened', 'record-run'), ...jobOf('OtherThingHappened', 'record-other')].sort(),
    );
    await vi.waitFor(() => expect([...otherRuns.values()]).toEqual([1, 1]), { timeout: 10_000, interval: 50 });
  });

  it('is woken by the commit of an outbox write instead of waiting for its poll', { timeout: 20_000 }, async () => {
    const sleepy = relay(60_000);
    await sleepy.start();
    await vi.waitFor(async () => expect(await undispatched()).toBe(0), { timeout: 2000, interval: 20 });
    const [id] = await append(1);
    await vi.waitFor(() => expect(runs.get(id!)).toBe(1), { timeout: 3000, interval: 20 });
    await sleepy.stop();
  });

  it('lets several relays drain one outbox without dispatching an event twice', { timeout: 20_000 }, async () => {
    notifications.length = 0;
    const ids = await append(300);
    const relays = [relay(60_000, 20), relay(60_000, 20), relay(60_000, 20)];
    const counts = await Promise.all(relays.map((each) => each.dispatchPending()));
    expect(counts.reduce((total, count) => total + count, 0)).toBe(300);
    await vi.waitFor(() => expect(notifications).toHaveLength(300), { timeout: 3000, interval: 20 });
    expect(new Set(notifications.map((event) => event.eventId)).size).toBe(300);
    await vi.waitFor(() => expect(ids.every((id) => runs.get(id) === 1)).toBe(true), { timeout: 15_000, interval: 50 });
  });

  it('creates no second job when an event is dispatched again', { timeout: 20_000 }, async () => {
    const ids = await append(5);
    await relay().dispatchPending();
    await vi.waitFor(() => expect(ids.every((id) => runs.get(id) === 1)).toBe(true), { timeout: 5000, interval: 50 });
    const { outbox } = service.tables;
    await service.db
      .update(outbox)
      .set({ dispatchedAt: null })
      .where(sql`${outbox.eventId} in ${ids}`);

    expect(await relay().dispatchPending()).toBe(5);
    // A second job would exist as soon as the dispatch returns; with one per event, each done, none can run again.
    const jobsOf = await jobsOfEvents(ids);
    expect(jobsOf.map((job) => [job.eventId, job.state]).sort()).toEqual(ids.map((id) => [id, 'completed']).sort());
    expect(ids.map((id) => runs.get(id))).toEqual([1, 1, 1, 1, 1]);
  });
});
