import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeSql } from './client.ts';
import { createServiceDatabase, type Database } from './database.ts';
import { openFreshDatabase, type FreshDatabase } from './fixtures/fresh-database.ts';
import { newId } from './ids.ts';
import { recordSubscriberNotifications, type SubscriberNotification } from './journey-recording.ts';
import { migratePlatform } from './platform-schema.ts';
import { databaseTargets } from '../jobs/fixtures/test-database.ts';

describe.each(databaseTargets)('subscriber notifications on journeys on %s', (target) => {
  let database: FreshDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'journey_recording_test');
    await migratePlatform(database.client);
    db = createServiceDatabase(database.client, 'platform').db;
  });

  afterAll(async () => {
    await database?.drop();
  });

  const stepsOf = (recordId: string) =>
    executeSql<{ action: string; at: Date | string; duration_ms: number; trace_id: string | null; system: string; outcome: string }>(
      database.client,
      'select action, at, duration_ms, trace_id, system, outcome from platform.journey_steps where entity_id = $1 order by at, id',
      [recordId],
    );

  it('adds the counts of one event written apart (other groups, batches, gateways) into one step; another event is another step', async () => {
    const recordId = newId();
    const [first, second] = [newId(), newId()];
    const delivery = (
      eventId: string,
      subscribers: number,
      at: string,
      durationMs: number,
      traceId: string | null,
    ): SubscriberNotification => ({
      eventId,
      recordId,
      subscribers,
      at: new Date(at),
      durationMs,
      traceId,
    });
    await recordSubscriberNotifications(db, [
      delivery(first, 3, '2026-12-04T10:00:00.200Z', 12, null),
      delivery(second, 1, '2026-12-04T10:05:00Z', 4, null),
    ]);
    await recordSubscriberNotifications(db, [delivery(first, 2, '2026-12-04T10:00:00.100Z', 30, 'a'.repeat(32))]);
    const steps = await stepsOf(recordId);
    expect(
      steps.map((step) => [step.action, new Date(step.at).toISOString(), step.duration_ms, step.trace_id, step.system, step.outcome]),
    ).toEqual([
      ['subscribers notified: 5', '2026-12-04T10:00:00.100Z', 30, 'a'.repeat(32), 'PROCUREGRAPH', 'SUCCEEDED'],
      ['subscribers notified: 1', '2026-12-04T10:05:00.000Z', 4, null, 'PROCUREGRAPH', 'SUCCEEDED'],
    ]);
  });
});
