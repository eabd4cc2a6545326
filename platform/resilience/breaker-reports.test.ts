import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabaseClient, openDatabaseClient, type DatabaseClient } from '../db/client.ts';
import { createServiceDatabase, type Database } from '../db/database.ts';
import { migratePlatform } from '../db/platform-schema.ts';
import { createLogger } from '../logging.ts';
import { reportBreakers, systemCircuits } from './breaker-reports.ts';
import { RemoteHttpError } from './failures.ts';
import { BackingSystemPolicies } from './system-policies.ts';

// PGlite only: on a shared PostgreSQL database the breakers of other test processes would be
// reported beside these, and the point here is the exact state read back.
let client: DatabaseClient;
let db: Database;
const logger = createLogger('breaker-reports-test');

beforeAll(async () => {
  client = await openDatabaseClient({});
  await migratePlatform(client);
  db = createServiceDatabase(client, 'platform').db;
});

afterAll(async () => {
  await closeDatabaseClient(client);
});

const circuit = async (system: string) => (await systemCircuits(db)).find((entry) => entry.system === system)!;

describe('breaker reports', () => {
  it('publishes each transition at once, shares one reporter per process, and clears its rows when released', async () => {
    const policies = new BackingSystemPolicies({ failureThreshold: 1, halfOpenAfterMs: 60_000, timeoutMs: 1000 });
    expect(await circuit('ERP')).toEqual({ system: 'ERP', state: 'UNKNOWN', openedAt: null, lastFailure: null, reportingProcesses: 0 });

    const releaseFirst = reportBreakers(client, db, policies, logger);
    const releaseSecond = reportBreakers(client, db, policies, logger);
    await expect.poll(async () => (await circuit('ERP')).state).toBe('CLOSED');

    await expect(policies.for('ERP').execute(() => Promise.reject(new RemoteHttpError(503, 'ERP down')))).rejects.toThrow('ERP down');
    await expect.poll(async () => (await circuit('ERP')).state).toBe('OPEN');
    const open = await circuit('ERP');
    expect(open).toMatchObject({ lastFailure: 'RemoteHttpError: ERP down', reportingProcesses: 1 });
    expect(open.openedAt).toBeInstanceOf(Date);
    expect((await circuit('VENDOR_PLATFORM')).state).toBe('CLOSED');

    // The second holder keeps reporting after the first lets go.
    await releaseFirst();
    expect((await circuit('ERP')).state).toBe('OPEN');
    await releaseSecond();
    expect((await circuit('ERP')).state).toBe('UNKNOWN');
  });
});
