import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useBusinessClock } from '@procuregraph/platform/business';
import { readEnvironment } from '@procuregraph/platform/config';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { createServiceDatabase, executeSql, type Database } from '@procuregraph/platform/db';
import { createLogger } from '@procuregraph/platform/logging';
import { BackingSystemPolicies } from '@procuregraph/platform/resilience';
import { startSubgraphWorkers } from '@procuregraph/platform/subgraph';
import { databaseTargets, openFreshDatabase, type FreshDatabase } from '@procuregraph/platform/testing';
import { migrationsFolder } from '../service.ts';
import { invoicingWorkers } from '../workers.ts';

/*
 * Two invoicing processes on one database, each with its own purge timer: one purge is queued per
 * interval, not one per process, and its runs are no record's journey.
 */

const QUEUE = 'invoicing.edi-retention-purge';
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const RETENTION_DAYS = 30;
const start = new Date('2026-12-01T10:30:00.000Z');

describe.each(databaseTargets)('EDI retention purge schedule on %s', (target) => {
  let database: FreshDatabase;
  let db: Database;
  let dataDir: string;
  let now = start;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'retention_purge');
    const service = createServiceDatabase(database.client, 'invoicing');
    await service.migrate(migrationsFolder);
    db = service.db;
    dataDir = await mkdtemp(join(tmpdir(), 'retention-purge-'));
    useBusinessClock(() => now);
  });

  afterEach(() => {
    useBusinessClock(() => new Date());
  });

  afterAll(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** One invoicing process's workers; its purge timer queues the purge as it starts. */
  function invoicingProcess() {
    return startSubgraphWorkers(invoicingWorkers({ priceTolerancePct: 2, feedIntervalMs: HOUR_MS }), {
      service: 'invoicing',
      client: database.client,
      db,
      systems: {
        erpUrl: 'http://127.0.0.1:9',
        vendorPlatformUrl: 'http://127.0.0.1:9',
        contractRepositoryUrl: 'http://127.0.0.1:9',
        vendorPlatformWebhookSecret: 'unused',
      },
      environment: readEnvironment({ DATA_DIR: dataDir, EDI_PURGE_INTERVAL_HOURS: '1', EDI_RETENTION_DAYS: String(RETENTION_DAYS) }),
      policies: new BackingSystemPolicies(),
      cipher: createFieldCipher(randomBytes(32)),
      logger: createLogger('retention-purge-test'),
    });
  }

  /** Every purge job ever queued, finished or archived, by cutoff. */
  async function purgeJobs(): Promise<Array<{ cutoff: string; state: string }>> {
    const rows = await executeSql<{ cutoff: string; state: string }>(
      database.client,
      `select data->'payload'->>'cutoff' as cutoff, state from pgboss.job where name = $1
       union all select data->'payload'->>'cutoff' as cutoff, state from pgboss.archive where name = $1
       order by cutoff`,
      [QUEUE],
    );
    return rows;
  }

  /** Both processes start (each queuing the purge), the purge runs, both stop (each waiting for what it queued). */
  async function startBothAndStop(completed: number): Promise<void> {
    const processes = await Promise.all([invoicingProcess(), invoicingProcess()]);
    try {
      await vi.waitFor(async () => expect((await purgeJobs()).filter((job) => job.state === 'completed')).toHaveLength(completed), {
        timeout: 20_000,
        interval: 100,
      });
    } finally {
      await Promise.all(processes.map((process) => process.stop()));
    }
  }

  const cutoffAt = (at: Date) => new Date(at.getTime() - RETENTION_DAYS * DAY_MS).toISOString();

  it('queues one purge per interval however many processes run invoicing, and writes no journey for it', { timeout: 90_000 }, async () => {
    await startBothAndStop(1);
    expect(await purgeJobs()).toEqual([{ cutoff: cutoffAt(start), state: 'completed' }]);

    // pg-boss archives a completed job after 12 hours, well within a day's interval.
    await executeSql(
      database.client,
      `with moved as (delete from pgboss.job where name = $1 returning *) insert into pgboss.archive select * from moved`,
      [QUEUE],
    );
    now = new Date(start.getTime() + 20 * 60 * 1000);
    const processes = await Promise.all([invoicingProcess(), invoicingProcess()]);
    await Promise.all(processes.map((process) => process.stop()));
    expect(await purgeJobs()).toEqual([{ cutoff: cutoffAt(start), state: 'completed' }]);

    const next = new Date(start.getTime() + HOUR_MS);
    now = next;
    await startBothAndStop(2);
    expect(await purgeJobs()).toEqual([
      { cutoff: cutoffAt(start), state: 'completed' },
      { cutoff: cutoffAt(next), state: 'completed' },
    ]);

    const steps = await executeSql<{ count: string }>(
      database.client,
      `select count(*)::text as count from platform.journey_steps where action = 'edi-retention-purge'`,
    );
    expect(steps).toEqual([{ count: '0' }]);
  });
});
