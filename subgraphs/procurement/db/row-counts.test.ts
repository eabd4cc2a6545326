import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceDatabase } from '@procuregraph/platform/db';
import { describeExactCounts, migrateOverRows } from '@procuregraph/platform/testing';
import { createWorld } from '@procuregraph/demo';
import { seedProcurement } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describeExactCounts(
  'purchase_order',
  {
    table: '"procurement"."purchase_orders"',
    statusColumn: 'status',
    statuses: ['OPEN', 'CANCELLED'],
    uniqueColumns: () => ({ number: null, idempotency_key: null, erp_po_header_id: null }),
    countsFromRows: `select coalesce(supplier_id::text, '*') || '/' || coalesce(status, '*') as key, count(*)::int as count
                     from procurement.purchase_orders group by grouping sets ((), (status), (supplier_id), (supplier_id, status))`,
    countsFromCounters: `select coalesce(supplier_id::text, '*') || '/' || coalesce(status, '*') as key, sum(count)::int as count
                         from procurement.purchase_order_counts group by supplier_id, status having sum(count) <> 0`,
  },
  async (database) => {
    const service = createServiceDatabase(database.client, 'procurement');
    await migrateOverRows(service, migrations, 'purchase-order-count-triggers', (db) => seedProcurement(db, world));
  },
);
