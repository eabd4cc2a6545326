import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceDatabase } from '@procuregraph/platform/db';
import { describeExactCounts, migrateOverRows } from '@procuregraph/platform/testing';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { createWorld } from '@procuregraph/demo';
import { seedSuppliers } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describeExactCounts(
  'supplier',
  {
    table: '"suppliers"."suppliers"',
    statusColumn: 'status',
    statuses: ['ON_HOLD', 'INACTIVE'],
    uniqueColumns: () => ({ supplier_number: `COPY-${randomUUID()}`, tax_id_fingerprint: randomUUID(), idempotency_key: null }),
    countsFromRows: `select status || '/' || category as key, count(*)::int as count from suppliers.suppliers group by status, category`,
    countsFromCounters: `select status || '/' || category as key, sum(count)::int as count
                           from suppliers.supplier_counts group by status, category having sum(count) <> 0`,
  },
  async (database) => {
    const service = createServiceDatabase(database.client, 'suppliers');
    await migrateOverRows(service, migrations, 'supplier-count-triggers', (db) =>
      seedSuppliers(db, world, createFieldCipher(randomBytes(32))),
    );
  },
);
