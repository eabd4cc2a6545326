import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceDatabase } from '@procuregraph/platform/db/database';
import { openFreshDatabase, type FreshDatabase } from '@procuregraph/platform/db/fixtures/fresh-database';
import { migrateOverRows, refusalOf, valueChecksIn } from '@procuregraph/platform/db/fixtures/value-checks';
import { databaseTargets } from '@procuregraph/platform/jobs/fixtures/test-database';
import { createFieldCipher } from '@procuregraph/platform/crypto/field-encryption';
import { createWorld } from '@procuregraph/demo/generate';
import { seedSuppliers } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describe.each(databaseTargets)('the suppliers status columns on %s', (target) => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'suppliers_checks');
    const service = createServiceDatabase(database.client, 'suppliers');
    // The seed writes the rows the checks are added over, and that the refusals below try to change.
    await migrateOverRows(service, migrations, 'status-checks', (db) => seedSuppliers(db, world, createFieldCipher(randomBytes(32))));
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('each carry a check, added over existing rows', async () => {
    const checks = await valueChecksIn(database.client, 'suppliers');
    expect(checks.map((check) => `${check.table}.${check.column}`)).toEqual([
      'external_references.system',
      'insurance_certificates.type',
      'suppliers.bank_account_type',
      'suppliers.category',
      'suppliers.hold_reason',
      'suppliers.insurance_status',
      'suppliers.screening_status',
      'suppliers.status',
      'suppliers.status_before_hold',
      'sync_status.state',
      'sync_status.system',
    ]);
  });

  it('refuse a value outside the array their type comes from', async () => {
    const checks = await valueChecksIn(database.client, 'suppliers');
    for (const check of checks) {
      expect(await refusalOf(database.client, 'suppliers', check)).toContain(`violates check constraint "${check.constraint}"`);
    }
  });
});
