import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { executeSql, createServiceDatabase } from '@procuregraph/platform/db';
import { describeValueChecks } from '@procuregraph/platform/testing';
import { createWorld } from '@procuregraph/demo';
import { seedInvoicing } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describeValueChecks(
  'invoicing',
  [
    'invoices.match_outcome',
    'invoices.source',
    'invoices.status',
    'match_evaluations.outcome',
    'match_evaluations.trigger',
    'match_exceptions.code',
    'match_exceptions.queue',
    'match_exceptions.resolution',
    'match_tolerances.scope',
    'payments.method',
    'payments.status',
    'sync_status.state',
    'sync_status.system',
  ],
  async (database) => {
    const service = createServiceDatabase(database.client, 'invoicing');
    // The seed writes today's tables (a later migration added to them), so it runs after every
    // migration; the tables it leaves empty get one row each for the refusals below to change.
    await service.migrate(migrations);
    await seedInvoicing(service.db, world);
    const [invoice] = await executeSql<{ id: string }>(database.client, `select id from invoicing.invoices limit 1`);
    await executeSql(
      database.client,
      `insert into invoicing.match_evaluations (id, invoice_id, trigger, outcome, exception_codes, evaluated_at) values (gen_random_uuid(), $1, 'INTAKE', 'MATCHED', '[]', now())`,
      [invoice!.id],
    );
    await executeSql(
      database.client,
      `insert into invoicing.match_tolerances (scope, scope_key, price_pct, quantity_pct, set_by) values ('SUPPLIER_CATEGORY', 'LABORATORY', 2, 0, 'ap@example.org')`,
    );
  },
);
