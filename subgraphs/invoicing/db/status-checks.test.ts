import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceDatabase } from '@procuregraph/platform/db/database';
import { openFreshDatabase, type FreshDatabase } from '@procuregraph/platform/db/fixtures/fresh-database';
import { migrateOverRows, refusalOf, valueChecksIn } from '@procuregraph/platform/db/fixtures/value-checks';
import { databaseTargets } from '@procuregraph/platform/jobs/fixtures/test-database';
import { createWorld } from '@procuregraph/demo/generate';
import { seedInvoicing } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describe.each(databaseTargets)('the invoicing status columns on %s', (target) => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'invoicing_checks');
    const service = createServiceDatabase(database.client, 'invoicing');
    // The seed writes the rows the checks are added over, and that the refusals below try to change.
    await migrateOverRows(service, migrations, 'status-checks', (db) => seedInvoicing(db, world));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('each carry a check, added over existing rows', async () => {
    const checks = await valueChecksIn(database.client, 'invoicing');
    expect(checks.map((check) => `${check.table}.${check.column}`)).toEqual([
      'invoices.match_outcome',
      'invoices.source',
      'invoices.status',
      'match_exceptions.code',
      'match_exceptions.queue',
      'match_exceptions.resolution',
      'payments.method',
      'payments.status',
      'sync_status.state',
      'sync_status.system',
    ]);
  });

  it('refuse a value outside the array their type comes from', async () => {
    const checks = await valueChecksIn(database.client, 'invoicing');
    for (const check of checks) {
      expect(await refusalOf(database.client, 'invoicing', check)).toContain(`violates check constraint "${check.constraint}"`);
    }
  });
});
