import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceDatabase } from '@procuregraph/platform/db';
import { describeExactCounts, migrateOverRows } from '@procuregraph/platform/testing';
import { createWorld } from '@procuregraph/demo';
import { seedInvoicing } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describeExactCounts(
  'invoice',
  {
    table: '"invoicing"."invoices"',
    statusColumn: 'status',
    statuses: ['APPROVED', 'REJECTED'],
    // Null keys are never equal, so a copy with no number key never meets the (supplier, number) index.
    uniqueColumns: () => ({ invoice_number_key: null, idempotency_key: null, vendor_platform_invoice_id: null, erp_invoice_id: null }),
    countsFromRows: `select coalesce(supplier_id::text, '*') || '/' || coalesce(status, '*') as key, count(*)::int as count
                     from invoicing.invoices group by grouping sets ((), (status), (supplier_id), (supplier_id, status))`,
    countsFromCounters: `select coalesce(supplier_id::text, '*') || '/' || coalesce(status, '*') as key, sum(count)::int as count
                         from invoicing.invoice_counts group by supplier_id, status having sum(count) <> 0`,
  },
  async (database) => {
    const service = createServiceDatabase(database.client, 'invoicing');
    await migrateOverRows(service, migrations, 'invoice-count-triggers', (db) => seedInvoicing(db, world));
  },
);
