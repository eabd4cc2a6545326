import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceDatabase } from '@procuregraph/platform/db';
import {
  openFreshDatabase,
  type FreshDatabase,
  migrateOverRows,
  refusalOf,
  valueChecksIn,
  databaseTargets,
} from '@procuregraph/platform/testing';
import { createWorld } from '@procuregraph/demo';
import { seedContractRows } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describe.each(databaseTargets)('the contracts status columns on %s', (target) => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'contracts_checks');
    const service = createServiceDatabase(database.client, 'contracts');
    // The seed writes the rows the checks are added over, and that the refusals below try to change;
    // only the tables that were there before the checks.
    await migrateOverRows(service, migrations, 'status-checks', (db) => seedContractRows(db, world));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('each carry a check, added over existing rows', async () => {
    const checks = await valueChecksIn(database.client, 'contracts');
    expect(checks.map((check) => `${check.table}.${check.column}`)).toEqual([
      'contracts.status',
      'sync_status.state',
      'sync_status.system',
    ]);
  });

  it('refuse a value outside the array their type comes from', async () => {
    const checks = await valueChecksIn(database.client, 'contracts');
    for (const check of checks) {
      expect(await refusalOf(database.client, 'contracts', check)).toContain(`violates check constraint "${check.constraint}"`);
    }
  });
});
