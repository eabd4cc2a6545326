import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { executeSql, createServiceDatabase } from '@procuregraph/platform/db';
import { describeValueChecks } from '@procuregraph/platform/testing';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { createWorld } from '@procuregraph/demo';
import { seedSuppliers } from './seed.ts';

const migrations = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const world = createWorld({ scale: 'default' });

describeValueChecks(
  'suppliers',
  [
    'compliance_decisions.decision',
    'compliance_decisions.screening_status',
    'exclusion_list_runs.state',
    'exclusion_list_runs.trigger',
    'external_references.system',
    'insurance_certificates.type',
    'supplier_holds.reason',
    'suppliers.bank_account_type',
    'suppliers.category',
    'suppliers.insurance_status',
    'suppliers.screening_status',
    'suppliers.status',
    'suppliers.status_before_hold',
    'sync_status.state',
    'sync_status.system',
  ],
  async (database) => {
    const service = createServiceDatabase(database.client, 'suppliers');
    // The seed writes today's tables (supplier_holds came after the checks), so it runs after every
    // migration; the tables it leaves empty get one row each for the refusals below to change.
    await service.migrate(migrations);
    await seedSuppliers(service.db, world, createFieldCipher(randomBytes(32)));
    const [supplier] = await executeSql<{ id: string }>(database.client, `select id from suppliers.suppliers limit 1`);
    await executeSql(
      database.client,
      `insert into suppliers.compliance_decisions (id, supplier_id, decision, match, screening_status, reason, decided_by)
     values (gen_random_uuid(), $1, 'CLEARED', 'LEIE entry', 'POTENTIAL_MATCH', 'not this supplier', 'compliance@example.org')`,
      [supplier!.id],
    );
    await executeSql(
      database.client,
      `insert into suppliers.exclusion_list_runs (id, trigger, source, state) values (gen_random_uuid(), 'MANUAL', 'bundled', 'COMPLETED')`,
    );
  },
);
