import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceDatabase } from '@procuregraph/platform/db';
import { describeValueChecks, migrateOverRows } from '@procuregraph/platform/testing';
import { createWorld } from '@procuregraph/demo';
import { seedContractRows } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describeValueChecks('contracts', ['contracts.status', 'sync_status.state', 'sync_status.system'], async (database) => {
  const service = createServiceDatabase(database.client, 'contracts');
  // The seed writes the rows the checks are added over, and that the refusals below try to change;
  // only the tables that were there before the checks.
  await migrateOverRows(service, migrations, 'status-checks', (db) => seedContractRows(db, world));
});
