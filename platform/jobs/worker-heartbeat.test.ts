import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { executeSql, type DatabaseClient } from '../db/client.ts';
import { createLogger } from '../logging.ts';
import { BackingSystemPolicies } from '../resilience/system-policies.ts';
import { createRemoteRecord, startRemoteSystem, type RemoteSystem } from './fixtures/remote-system.ts';
import {
  createTestService,
  databaseTargets,
  disposeTestClient,
  openTestClient,
  uniqueName,
  type TestService,
} from './fixtures/test-database.ts';
import type { JobContext } from './job-types.ts';
import { createJobRuntime, type JobRuntime } from './runtime.ts';
import type { WorkerHeartbeat } from './worker-instances.ts';

const logger = createLogger('heartbeat-test');
const expireInSeconds = 300;

describe.each(databaseTargets)('a job runtime that stops beating, on %s', (target) => {
  let client: DatabaseClient;
  let service: TestService;
  let remote: RemoteSystem;
  const bossSchema = uniqueName('boss');
  const runtimes: JobRuntime[] = [];
  // The silent runtime's handler stands for a process that hangs (or died) in the middle of a call.
  let releaseSilent: () => void = () => {};
  const silentHang = new Promise<void>((resolve) => (releaseSilent = resolve));

  beforeAll(async () => {
    client = await openTestClient(target);
    service = await createTestService(client, 'heartbeat');
    remote = await startRemoteSystem();
  });

  afterAll(async () => {
    releaseSilent();
    for (const runtime of runtimes.reverse()) await runtime.stop();
    await remote.close();
    await disposeTestClient(client, [service.name, bossSchema]);
  });

  function runtime(heartbeat: WorkerHeartbeat, concurrency: number, handler: (job: JobContext) => Promise<void>): JobRuntime {
    const jobs = createJobRuntime({
      client,
      service: service.name,
      logger,
      bossSchema,
      heartbeat,
      policies: new BackingSystemPolicies({ timeoutMs: 60_000 }),
      pollIntervalMs: 200,
      retry: { limit: 3, delaySeconds: 30, expireInSeconds },
    });
    jobs.defineHandler({ queue: 'deliver', system: 'ERP', concurrency, handler });
    runtimes.push(jobs);
    return jobs;
  }

  const jobRow = async (id: string) =>
    (
      await executeSql(
        client,
        `SELECT state::text AS state, retry_count AS "retryCount" FROM ${bossSchema}.job WHERE name = $1 AND id = $2`,
        [`${service.name}.deliver`, id],
      )
    )[0];

  const claimCount = async () =>
    (await executeSql(client, `SELECT count(*)::int AS count FROM platform.job_claims WHERE queue = $1`, [`${service.name}.deliver`]))[0]!
      .count;

  const instancePids = async () =>
    (await executeSql(client, `SELECT pid FROM platform.worker_instances WHERE boss_schema = $1`, [bossSchema])).map((row) => row.pid);

  it('has its running job handed to a live runtime, which completes it long before the expiry', { timeout: 40_000 }, async () => {
    // It says it is dead after 3 s of silence but beats once a minute: a hung process, to the
    // others, once its row says it is another process (runtimes of one process never take each
    // other for dead). One job at a time, so once it hangs it takes no other.
    const silent = runtime({ intervalSeconds: 60, deadAfterSeconds: 3 }, 1, async (job) => {
      await silentHang;
      await createRemoteRecord(remote.url, job);
    });
    await silent.start();
    const handedOverAt = Date.now();
    const jobId = await silent.enqueue('deliver', { entityId: '01a24000-0000-7000-8000-0000000000a1', payload: { n: 1 } });
    await vi.waitFor(async () => expect(await jobRow(jobId!)).toEqual({ state: 'active', retryCount: 0 }), {
      timeout: 5_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect(await claimCount()).toBe(1), { timeout: 5_000, interval: 100 });
    await executeSql(
      client,
      `UPDATE platform.worker_instances SET process_id = 'a-hung-process'
       WHERE id = (SELECT instance_id FROM platform.job_claims WHERE job_id = $1)`,
      [jobId],
    );

    const live = runtime({ intervalSeconds: 1, deadAfterSeconds: 3 }, 2, async (job) => {
      await createRemoteRecord(remote.url, job);
    });
    await live.start();
    await vi.waitFor(async () => expect(await jobRow(jobId!)).toEqual({ state: 'completed', retryCount: 1 }), {
      timeout: 20_000,
      interval: 200,
    });

    // Its second attempt, run at once (not after the 30 s retry delay), and far from the 300 s expiry.
    expect(Date.now() - handedOverAt).toBeLessThan((expireInSeconds * 1000) / 4);
    const key = `${service.name}.deliver:${jobId}`;
    expect(remote.requests.get(key)).toBe(1);
    expect(remote.records.get(key)?.body).toEqual({ n: 1 });
    const [sync] = await service.db.select().from(service.tables.syncStatus);
    expect([sync?.state, sync?.attempts]).toEqual(['SYNCED', 2]);
    // The silent runtime's row is gone with its claim; the live one's remains.
    expect(await instancePids()).toEqual([process.pid]);
    expect(await claimCount()).toBe(0);
  });

  it('leaves a live runtime its jobs, however long they run', { timeout: 30_000 }, async () => {
    // The live runtime beats every second; its call takes twice as long as the 3 s dead-after.
    remote.latencyMs = 6_000;
    const live = runtimes[1]!;
    const jobId = await live.enqueue('deliver', { entityId: '01a24000-0000-7000-8000-0000000000a2', payload: { n: 2 } });
    await vi.waitFor(async () => expect(await jobRow(jobId!)).toEqual({ state: 'completed', retryCount: 0 }), {
      timeout: 20_000,
      interval: 200,
    });
    expect(remote.requests.get(`${service.name}.deliver:${jobId}`)).toBe(1);
    expect(remote.creations).toBe(2);
    remote.latencyMs = 0;
  });
});
