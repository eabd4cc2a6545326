import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceDatabase, executeSql, migratePlatform, newId, type Database } from '@procuregraph/platform/db';
import { createLogger } from '@procuregraph/platform/logging';
import { dbQueriesTotal } from '@procuregraph/platform/metrics';
import { databaseTargets, openFreshDatabase, type FreshDatabase } from '@procuregraph/platform/testing';
import { DeliverySteps } from './delivery-steps.ts';

describe.each(databaseTargets)('delivery steps on %s', (target) => {
  let database: FreshDatabase;
  let db: Database;
  // Every statement of this database counts under its own label: each is one attempt to write.
  const label = `delivery_steps_test_${target}`;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'delivery_steps_test');
    await migratePlatform(database.client);
    db = createServiceDatabase(database.client, 'platform', label).db;
  });

  afterAll(async () => {
    await database?.drop();
  });

  const writes = async () => (await dbQueriesTotal.get()).values.find((value) => value.labels.service === label)?.value ?? 0;
  const stepsOf = (recordId: string) =>
    executeSql<{ action: string; at: Date | string }>(
      database.client,
      'select action, at from platform.journey_steps where entity_id = $1',
      [recordId],
    );

  /** When each statement was sent (a failed write is one), polling their count, until `done` says stop. */
  async function watchWrites(done: (times: number[]) => boolean): Promise<number[]> {
    const times: number[] = [];
    let seen = await writes();
    while (!done(times)) {
      await sleep(5);
      const now = await writes();
      for (; seen < now; seen += 1) times.push(Date.now());
    }
    return times;
  }

  it(
    'retries a failed write without another delivery, twice as late each time up to a cap, adding the counts gathered meanwhile',
    { timeout: 15_000 },
    async () => {
      const steps = new DeliverySteps({ db, logger: createLogger('delivery-steps-test'), flushIntervalMs: 100, maxRetryDelayMs: 400 });
      const [recordId, eventId] = [newId(), newId()];
      const delivery = (subscribers: number, at: string) => ({
        eventId,
        recordId,
        subscribers,
        at: new Date(at),
        durationMs: 5,
        traceId: null,
      });
      // The table is away: every write fails as it would with the database down.
      await executeSql(database.client, 'alter table platform.journey_steps rename to journey_steps_away');
      steps.record(delivery(3, '2026-12-05T10:00:00.300Z'));
      let added = false;
      const failed = await watchWrites((times) => {
        // A delivery during the wait joins the retry rather than hastening it.
        if (times.length === 2 && !added) steps.record(delivery(2, '2026-12-05T10:00:00.100Z'));
        added ||= times.length === 2;
        return times.length === 5;
      });
      await executeSql(database.client, 'alter table platform.journey_steps_away rename to journey_steps');
      // The write that succeeds, and its announcement.
      await watchWrites((times) => times.length === 2);

      // Retried after 200 ms (twice the interval), then 400 ms, then held at the 400 ms cap. Timers
      // fire late on a loaded machine, never early, but a failure is seen by polling: the lower
      // bounds leave a quarter for a late sighting of the failure before; the last gap's upper bound
      // leaves 800 ms of lateness while still telling the cap from doubling on (1,600 ms).
      const gaps = failed.slice(1).map((time, n) => time - failed[n]!);
      expect(gaps[0]).toBeGreaterThanOrEqual(150);
      for (const gap of gaps.slice(1)) expect(gap).toBeGreaterThanOrEqual(300);
      expect(gaps[3]).toBeLessThan(1_200);
      const written = await stepsOf(recordId);
      expect(written.map((step) => [step.action, new Date(step.at).toISOString()])).toEqual([
        ['subscribers notified: 5', '2026-12-05T10:00:00.100Z'],
      ]);
      // Written once: nothing is left to retry.
      const after = await writes();
      await sleep(800);
      expect(await writes()).toBe(after);
    },
  );
});
