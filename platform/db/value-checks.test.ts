import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeSql } from './client.ts';
import { createServiceDatabase } from './database.ts';
import { openFreshDatabase, type FreshDatabase } from './fixtures/fresh-database.ts';
import { migrateOverRows, refusalOf, valueChecksIn } from './fixtures/value-checks.ts';
import { databaseTargets } from '../jobs/fixtures/test-database.ts';

const migrations = fileURLToPath(new URL('./migrations', import.meta.url));

const auditRow = (kind: string, outcome: string) =>
  `insert into platform.audit_events (id, actor, role, service, kind, operation, outcome)
   values (gen_random_uuid(), 'checks-test', 'admin', 'suppliers', '${kind}', 'approveSupplier', '${outcome}')`;

describe.each(databaseTargets)('the platform status columns on %s', (target) => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'platform_checks');
    await migrateOverRows(createServiceDatabase(database.client, 'platform'), migrations, 'status-checks', async () => {
      await executeSql(
        database.client,
        "insert into platform.job_queues (name, dead_letter_name, service, queue, system) values ('suppliers.erp', 'suppliers.erp.dead', 'suppliers', 'erp', 'ERP')",
      );
      await executeSql(
        database.client,
        "insert into platform.breaker_reports (process_id, system, state) values ('process-1', 'ERP', 'OPEN')",
      );
      await executeSql(database.client, auditRow('MUTATION', 'SUCCEEDED'));
    });
    // Reconciliation's tables came with their checks; a row each gives the refusals something to update.
    const runId = '01a24000-0000-7000-8000-000000000001';
    await executeSql(
      database.client,
      `insert into platform.reconciliation_runs (id, system, state, trigger, services) values ('${runId}', 'ERP', 'RUNNING', 'ON_DEMAND', '["suppliers"]')`,
    );
    await executeSql(
      database.client,
      `insert into platform.reconciliation_parts (run_id, service, state) values ('${runId}', 'suppliers', 'RUNNING')`,
    );
    await executeSql(
      database.client,
      `insert into platform.drift_findings (id, run_id, service, system, record_type, record_key, kind, system_of_record, state)
       values (gen_random_uuid(), '${runId}', 'suppliers', 'ERP', 'SUPPLIER', 'supplier:1', 'MISSING_IN_SYSTEM', 'PROCUREGRAPH', 'OPEN')`,
    );
    await executeSql(
      database.client,
      `insert into platform.business_events (id, kind, supplier_id, entity_id, at)
       values (gen_random_uuid(), 'SUPPLIER_REGISTERED', gen_random_uuid(), gen_random_uuid(), now())`,
    );
    // So did the journey steps and the EDI tables.
    await executeSql(
      database.client,
      `insert into platform.journey_steps (id, entity_id, service, system, action, outcome)
       values (gen_random_uuid(), gen_random_uuid(), 'suppliers', 'ERP', 'checks', 'SUCCEEDED')`,
    );
    await executeSql(
      database.client,
      `insert into platform.edi_documents (id, direction, type, status, content) values (gen_random_uuid(), 'INBOUND', 'X12_810', 'ACCEPTED', 'ISA*')`,
    );
    await executeSql(
      database.client,
      `insert into platform.trading_partners (supplier_id, interchange_qualifier, interchange_id, group_id, version, inbound, outbound)
       values (gen_random_uuid(), 'ZZ', 'CHECKS', 'CHECKS', '005010', '{X12_810}', '{}')`,
    );
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('each carry a check, added over existing rows', async () => {
    const checks = await valueChecksIn(database.client, 'platform');
    expect(checks.map((check) => `${check.table}.${check.column}`)).toEqual([
      'audit_events.kind',
      'audit_events.outcome',
      'breaker_reports.state',
      'breaker_reports.system',
      'business_events.kind',
      'drift_findings.kind',
      'drift_findings.record_type',
      'drift_findings.state',
      'drift_findings.system',
      'edi_documents.direction',
      'edi_documents.status',
      'edi_documents.type',
      'job_queues.system',
      'journey_steps.outcome',
      'journey_steps.system',
      'reconciliation_parts.state',
      'reconciliation_runs.state',
      'reconciliation_runs.system',
      'reconciliation_runs.trigger',
      'trading_partners.order_delivery',
      'trading_partners.version',
    ]);
  });

  it('refuse a value outside the array their type comes from', async () => {
    const checks = await valueChecksIn(database.client, 'platform');
    for (const check of checks.filter(({ table }) => table !== 'audit_events')) {
      expect(await refusalOf(database.client, 'platform', check)).toContain(`violates check constraint "${check.constraint}"`);
    }
  });

  it('refuse an audit row of an unknown kind or outcome (audit rows are never updated, so it is an insert)', async () => {
    await expect(executeSql(database.client, auditRow('EXPORT', 'SUCCEEDED'))).rejects.toThrow(
      'violates check constraint "audit_events_kind_check"',
    );
    await expect(executeSql(database.client, auditRow('MUTATION', 'MAYBE'))).rejects.toThrow(
      'violates check constraint "audit_events_outcome_check"',
    );
  });
});
