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

/** Worker processes delivering one service's events to a remote system, and the publisher feeding them. */
interface CrashScene {
  service: TestService;
  remote: RemoteSystem;
  /** Starts a worker process (settings as in fixtures/delivery-worker.ts) and waits until it works its queue. */
  startWorker(settings?: Record<string, string>): Promise<ChildProcess>;
  /** Starts turning outbox events into jobs; the first worker must have created the queue. */
  startPublishing(): Promise<void>;
  requestDelivery(n: number): Promise<string>;
  deliveryStates(): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

async function openCrashScene(client: DatabaseClient): Promise<CrashScene> {
  const service = await createTestService(client, 'crash');
  const remote = await startRemoteSystem();
  const bossSchema = uniqueName('boss');
  const publisher: JobRuntime = createJobRuntime({ client, service: service.name, logger, bossSchema });
  const workers: ChildProcess[] = [];
  let relay: OutboxRelay | undefined;
  const queue = `${service.name}.deliver`;

  return {
    service,
    remote,
    async startWorker(settings = {}) {
      const worker = spawn(process.execPath, ['--import', 'tsx', workerScript], {
        env: { ...process.env, SERVICE: service.name, BOSS_SCHEMA: bossSchema, REMOTE_URL: remote.url, LOG_LEVEL: 'silent', ...settings },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      workers.push(worker);
      const [line] = (await once(worker.stdout!, 'data')) as [Buffer];
      expect(line.toString()).toContain('ready');
      return worker;
    },
    async startPublishing() {
      await publisher.start();
      relay = createOutboxRelay({ client, service: service.name, jobs: publisher, logger, pollIntervalMs: 200 });
      await relay.start();
    },
    requestDelivery: (n) =>
      service.db.transaction((tx) =>
        appendToOutbox(tx, service.tables.outbox, { topic: 'DeliveryRequested', aggregateId: newId(), payload: { n } }),
      ),
    deliveryStates: () =>
      executeSql(
        client,
        `SELECT state::text, count(*)::int AS count, max(retry_count) AS "retryCount" FROM ${bossSchema}.job WHERE name = $1 GROUP BY state`,
        [queue],
      ),
    async close() {
      for (const worker of workers) if (worker.exitCode === null) worker.kill('SIGKILL');
      await relay?.stop();
      await publisher.stop();
      await remote.close();
      await disposeTestClient(client, [service.name, bossSchema]);
    },
  };
}

// A killed process is only meaningful with a database outside it: PostgreSQL only.
describe.skipIf(!process.env.DATABASE_URL)('a worker killed in the middle of deliveries', () => {
  let scene: CrashScene;

  beforeAll(async () => {
    scene = await openCrashScene(await openTestClient('postgres'));
  });

  afterAll(async () => {
    await scene.close();
  });

  it('loses nothing and creates nothing twice once a new worker takes over', { timeout: 90_000 }, async () => {
    const { remote, service } = scene;
    const first = await scene.startWorker();
    // The worker created the queue and its subscription; the publisher only turns events into jobs.
    await scene.startPublishing();
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
    for (let n = 0; n < 40; n += 1) eventIds.push(await scene.requestDelivery(n));

    await exited;
    const deliveredBeforeCrash = remote.records.size;
    expect(deliveredBeforeCrash).toBeLessThan(40);

    await scene.startWorker();
    await vi.waitFor(() => expect(remote.records.size).toBe(40), { timeout: 20_000, interval: 100 });

    const keys = eventIds.map((eventId) => `${service.name}.deliver:${eventId}`);
    expect([...remote.records.keys()].sort()).toEqual(keys.sort());
    // The jobs in flight at the kill run again on the new worker and get the remote's records back.
    await vi.waitFor(
      async () =>
        expect((await scene.deliveryStates()).map(({ state, count }) => ({ state, count }))).toEqual([{ state: 'completed', count: 40 }]),
      { timeout: 15_000, interval: 200 },
    );
    expect(remote.requests.get(killedDuring!)).toBe(2);
    expect(remote.creations).toBe(40);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('a worker killed while a call hangs', () => {
  let client: DatabaseClient;
  let scene: CrashScene;
  // pg-boss would give the job up only after 5 minutes; the heartbeat says a worker died after 3 s.
  const expireInSeconds = 300;
  // A call timeout a loaded machine cannot hit, so every attempt counted is the kill's doing.
  const settings = { CALL_TIMEOUT_MS: '20000', EXPIRE_SECONDS: String(expireInSeconds), HEARTBEAT_SECONDS: '1', DEAD_AFTER_SECONDS: '3' };

  beforeAll(async () => {
    client = await openTestClient('postgres');
    scene = await openCrashScene(client);
  });

  afterAll(async () => {
    await scene.close();
  });

  it('has the call run again by another worker within seconds, long before the job expires', { timeout: 120_000 }, async () => {
    const { remote, service } = scene;
    const first = await scene.startWorker(settings);
    await scene.startPublishing();
    // The remote answers only after 10 s; the worker is killed as the call arrives.
    remote.latencyMs = 10_000;
    let killedAt: number | null = null;
    remote.onRequest = () => {
      if (killedAt !== null) return;
      killedAt = Date.now();
      first.kill('SIGKILL');
    };
    const exited = once(first, 'exit');
    const eventId = await scene.requestDelivery(1);
    await exited;
    remote.latencyMs = 0;

    const second = await scene.startWorker(settings);
    // Completed on its second attempt: the interrupted one counts, as it would after an expiry.
    await vi.waitFor(async () => expect(await scene.deliveryStates()).toEqual([{ state: 'completed', count: 1, retryCount: 1 }]), {
      timeout: 60_000,
      interval: 200,
    });
    expect(Date.now() - killedAt!).toBeLessThan((expireInSeconds * 1000) / 4);

    const key = `${service.name}.deliver:${eventId}`;
    expect(remote.requests.get(key)).toBe(2);
    expect(remote.creations).toBe(1);
    expect(remote.records.get(key)?.body).toEqual({ n: 1 });
    // The killed worker's registration is gone; the one that took over is still there.
    const pids = await executeSql(client, `SELECT pid FROM platform.worker_instances WHERE service = $1 ORDER BY pid`, [service.name]);
    expect(pids.map((row) => row.pid)).toEqual([process.pid, second.pid].sort((a, b) => a! - b!));
  });
});
