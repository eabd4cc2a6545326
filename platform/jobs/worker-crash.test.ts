import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { executeSql, type DatabaseClient } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { createLogger } from '../logging.ts';
import { appendToOutbox } from '../outbox/outbox.ts';
import { createOutboxRelay, type OutboxRelay } from '../outbox/relay.ts';
import { startRemoteSystem, type RemoteSystem } from './fixtures/remote-system.ts';
import { createTestService, disposeTestClient, openTestClient, uniqueName, type TestService } from './fixtures/test-database.ts';
import { createJobRuntime, type JobRuntime } from './runtime.ts';

const workerScript = fileURLToPath(new URL('./fixtures/delivery-worker.ts', import.meta.url));
const logger = createLogger('crash-test');

// A killed process is only meaningful with a database outside it: PostgreSQL only.
describe.skipIf(!process.env.DATABASE_URL)('a worker killed in the middle of deliveries', () => {
  let client: DatabaseClient;
  let service: TestService;
  let remote: RemoteSystem;
  let publisher: JobRuntime;
  let relay: OutboxRelay;
  const bossSchema = uniqueName('boss');
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    client = await openTestClient('postgres');
    service = await createTestService(client, 'crash');
    remote = await startRemoteSystem();
    publisher = createJobRuntime({ client, service: service.name, logger, bossSchema });
  });

  afterAll(async () => {
    for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
    await relay?.stop();
    await publisher.stop();
    await remote.close();
    await disposeTestClient(client, [service.name, bossSchema]);
  });

  async function startWorker(): Promise<ChildProcess> {
    const worker = spawn(process.execPath, ['--import', 'tsx', workerScript], {
      env: { ...process.env, SERVICE: service.name, BOSS_SCHEMA: bossSchema, REMOTE_URL: remote.url, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    workers.push(worker);
    const [line] = (await once(worker.stdout!, 'data')) as [Buffer];
    expect(line.toString()).toContain('ready');
    return worker;
  }

  it('loses nothing and creates nothing twice once a new worker takes over', { timeout: 30_000 }, async () => {
    const first = await startWorker();
    // The worker created the queue and its subscription; the publisher only turns events into jobs.
    await publisher.start();
    relay = createOutboxRelay({ client, service: service.name, jobs: publisher, logger, pollIntervalMs: 200 });
    await relay.start();
    remote.latencyMs = 150;
    // Killed while its 15th call is on the wire: the remote still creates that record.
    let killedDuring: string | null = null;
    remote.onRequest = (key) => {
      if (remote.requests.size === 15 && killedDuring === null) {
        killedDuring = key;
        first.kill('SIGKILL');
      }
    };
    const exited = once(first, 'exit');

    const eventIds: string[] = [];
    for (let n = 0; n < 40; n += 1) {
      const eventId = await service.db.transaction((tx) =>
        appendToOutbox(tx, service.tables.outbox, { topic: 'DeliveryRequested', aggregateId: newId(), payload: { n } }),
      );
      eventIds.push(eventId);
    }

    await exited;
    const deliveredBeforeCrash = remote.records.size;
    expect(deliveredBeforeCrash).toBeLessThan(40);

    await startWorker();
    await vi.waitFor(() => expect(remote.records.size).toBe(40), { timeout: 20_000, interval: 100 });

    const keys = eventIds.map((eventId) => `${service.name}.deliver:${eventId}`);
    expect([...remote.records.keys()].sort()).toEqual(keys.sort());
    // The job in flight at the kill expires, runs again on the new worker and gets the remote's record back.
    await vi.waitFor(
      async () =>
        expect(
          await executeSql(client, `SELECT state::text, count(*)::int AS count FROM ${bossSchema}.job WHERE name = $1 GROUP BY state`, [
            `${service.name}.deliver`,
          ]),
        ).toEqual([{ state: 'completed', count: 40 }]),
      { timeout: 15_000, interval: 200 },
    );
    expect(remote.requests.get(killedDuring!)).toBe(2);
    expect(remote.creations).toBe(40);
  });
});
