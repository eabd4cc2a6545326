import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabaseClient, openDatabaseClient, type DatabaseClient } from '../db/client.ts';
import { createServiceDatabase, type Database } from '../db/database.ts';
import { createLogger } from '../logging.ts';
import { startEventBus, type EventBus } from './bus.ts';
import { streamCoalescedEvents } from './coalesced-stream.ts';
import { streamEvents } from './event-stream.ts';
import { announceOperationsChanges, operationsChanged } from './operations-changes.ts';

// LISTEN/NOTIFY needs no tables: the server's own database will do, or an in-memory PGlite.
let client: DatabaseClient;
let db: Database;
let bus: EventBus;

beforeAll(async () => {
  client = await openDatabaseClient({ url: process.env.DATABASE_URL, maxConnections: 2 });
  db = createServiceDatabase(client, 'platform').db;
  bus = await startEventBus({ client, logger: createLogger('operations-changes-test') });
});

afterAll(async () => {
  await bus?.close();
  if (client) await closeDatabaseClient(client);
});

class RolledBack extends Error {}

describe('operations changes', () => {
  it('are heard once the transaction that announced them commits, and never when it rolls back', async () => {
    const stream = streamEvents(bus, operationsChanged, { accept: () => true });
    await db
      .transaction(async (tx) => {
        await announceOperationsChanges(tx, [{ topic: 'DRIFT', system: 'ERP', recordId: 'rolled-back' }]);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    await db.transaction((tx) => announceOperationsChanges(tx, [{ topic: 'CIRCUITS', system: 'VENDOR_PLATFORM' }]));
    const { value } = await stream.next();
    expect(value).toEqual({ topic: 'CIRCUITS', system: 'VENDOR_PLATFORM', recordId: null, occurredAt: expect.any(String) });
    await stream.return();
  });

  it('reach a coalescing subscriber at once, then a burst of one key as one item, other keys unheld', async () => {
    const listeners = bus.subscriberCount;
    // Long enough that the burst below surely falls within it, however slow the machine.
    const stream = streamCoalescedEvents(bus, operationsChanged, {
      accept: (change) => change.topic !== 'FEEDS',
      keyOf: (change) => change.topic,
      start: (change) => [change.recordId],
      merge: (records, change) => [...records, change.recordId],
      intervalMs: 2_000,
    });
    await announceOperationsChanges(db, [{ topic: 'SYNC_JOBS', recordId: 'job-1' }]);
    expect((await stream.next()).value).toEqual(['job-1']);
    await announceOperationsChanges(db, [
      { topic: 'SYNC_JOBS', recordId: 'job-2' },
      { topic: 'FEEDS', recordId: 'not-accepted' },
      { topic: 'DEAD_LETTERS', recordId: 'letter-1' },
      { topic: 'SYNC_JOBS', recordId: 'job-3' },
    ]);
    expect((await stream.next()).value).toEqual(['letter-1']);
    expect((await stream.next()).value).toEqual(['job-2', 'job-3']);

    // Leaving drops what is held for the subscriber and lets go of the bus.
    await announceOperationsChanges(db, [{ topic: 'DEAD_LETTERS', recordId: 'letter-2' }]);
    await stream.return();
    expect(bus.subscriberCount).toBe(listeners);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });
});
