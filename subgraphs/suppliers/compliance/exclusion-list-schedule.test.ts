import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabaseClient,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Database,
} from '@procuregraph/platform/db';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { startSubgraphWorkers, type RunningWorkers } from '@procuregraph/platform/subgraph';
import { createLogger } from '@procuregraph/platform/logging';
import { migrationsFolder } from '../service.ts';
import { createSuppliersWorkers } from '../workers.ts';
import { exclusionListRuns, suppliers } from '../db/tables.ts';
import { bundledLeieFile, sharedExclusionScreening } from '../screening/exclusion-screening.ts';
import { onboardSupplier } from '../onboarding/onboard.ts';
import { validInput } from '../onboarding/test-registrations.ts';
import { openHolds } from './holds.ts';
import { readEnvironment } from '@procuregraph/platform/config';
import { BackingSystemPolicies } from '@procuregraph/platform/resilience';

/**
 * The scheduled reload: the list is downloaded from its URL on every interval, every current
 * supplier is screened again, and each run is recorded with its counts.
 */
const cipher = createFieldCipher(randomBytes(32));
const EXCLUSION =
  '"","","","RIVERSIDE RESPIRATORY SUPPLY INC","DME COMPANY","DME - OXYGEN","","1999999999","00000000","1 RIVER RD","DUBLIN","OH","43017","1128a1","20261101","00000000","00000000",""';

let client: DatabaseClient;
let db: Database;
let dropDatabase: () => Promise<void> = async () => {};
let listServer: Server;
let listUrl: string;
let served: string;
let workers: RunningWorkers;

async function freshClient(): Promise<DatabaseClient> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabaseClient({});
  const name = `exclusion_schedule_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  dropDatabase = async () => {
    const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openDatabaseClient({ url: url.toString() });
}

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  served = await readFile(bundledLeieFile, 'utf8');
  listServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/csv' }).end(served));
  await new Promise<void>((resolve) => listServer.listen(0, '127.0.0.1', resolve));
  const address = listServer.address();
  listUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/UPDATED.csv`;
  client = await freshClient();
  const service = createServiceDatabase(client, 'suppliers');
  await service.migrate(migrationsFolder);
  db = service.db;
  const systems = {
    erpUrl: 'http://127.0.0.1:9',
    vendorPlatformUrl: 'http://127.0.0.1:9',
    contractRepositoryUrl: 'http://127.0.0.1:9',
    vendorPlatformWebhookSecret: 'unused',
  };
  const register = createSuppliersWorkers({
    environment: { SCREENING_LEIE_URL: listUrl, SCREENING_RELOAD_INTERVAL_HOURS: 24 },
    exclusionListReloadIntervalMs: 300,
    insuranceCheckIntervalMs: 60 * 60 * 1000,
  });
  workers = await startSubgraphWorkers(register, {
    service: 'suppliers',
    client,
    db,
    systems,
    cipher,
    logger: createLogger('suppliers'),
    environment: readEnvironment({}),
    policies: new BackingSystemPolicies(),
  });
});

afterAll(async () => {
  await workers?.stop();
  await new Promise((resolve) => listServer?.close(resolve));
  await closeDatabaseClient(client);
  await dropDatabase();
});

describe('the scheduled exclusion-list reload', () => {
  it('downloads the list again, holds a supplier that is now excluded, and records each run', async () => {
    const onboarded = await onboardSupplier(
      { db, cipher, screening: sharedExclusionScreening(listUrl) },
      { input: { ...validInput(), legalName: 'Riverside Respiratory Supply Inc' } },
    );
    expect(onboarded.userErrors).toEqual([]);
    const supplierId = onboarded.supplier!.id;
    served = `${served.trimEnd()}\n${EXCLUSION}\n`;

    const run = await eventually(
      async () => (await db.select().from(exclusionListRuns).where(eq(exclusionListRuns.newlyExcluded, 1)))[0],
      (found) => found !== undefined,
    );
    expect(run).toMatchObject({
      trigger: 'SCHEDULE',
      source: listUrl,
      entries: 36,
      checked: 1,
      excluded: 1,
      newlyExcluded: 1,
      reinstated: 0,
      putOnHold: 1,
      error: null,
    });
    const [held] = await db.select().from(suppliers).where(eq(suppliers.id, supplierId));
    expect(held).toMatchObject({ status: 'ON_HOLD', screeningStatus: 'EXCLUDED', statusBeforeHold: 'PENDING_APPROVAL' });
    expect(await openHolds(db, supplierId)).toEqual(['SCREENING']);

    // The entry is reinstated: the next run reports it, and the hold stays for compliance to lift.
    served = served.replace(EXCLUSION, EXCLUSION.replace('"20261101","00000000"', '"20261101","20261201"'));
    const reinstated = await eventually(
      async () => (await db.select().from(exclusionListRuns).where(eq(exclusionListRuns.reinstated, 1)))[0],
      (found) => found !== undefined,
    );
    expect(reinstated).toMatchObject({ trigger: 'SCHEDULE', newlyExcluded: 0, reinstated: 1, putOnHold: 0 });
    expect(await openHolds(db, supplierId)).toEqual(['SCREENING']);
  });
});
