import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceDatabase } from '@procuregraph/platform/db';
import { describeValueChecks } from '@procuregraph/platform/testing';
import { createWorld } from '@procuregraph/demo';
import { seedProcurement } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describeValueChecks(
  'procurement',
  ['purchase_orders.publication_state', 'purchase_orders.status', 'supplier_references.status', 'sync_status.state', 'sync_status.system'],
  async (database) => {
    const service = createServiceDatabase(database.client, 'procurement');
    // The seed writes today's tables (a later migration added line acknowledgments), so it runs
    // after every migration; its rows are the ones the refusals below try to change.
    await service.migrate(migrations);
    await seedProcurement(service.db, world);
  },
);
