import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeSql } from '../db/client.ts';
import { createServiceDatabase, type Database } from '../db/database.ts';
import { migratePlatform } from '../db/platform-schema.ts';
import { openFreshDatabase, type FreshDatabase } from '../db/fixtures/fresh-database.ts';
import { databaseTargets } from '../jobs/fixtures/test-database.ts';
import { auditLogOn, type AuditEntry } from './audit-log.ts';
import { purgeExpiredAuditEvents, raiseRetentionFloor } from './audit-retention.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function entry(operation: string, ageDays: number): AuditEntry {
  return {
    actor: 'auditor-test',
    role: 'procurement',
    supplierId: null,
    service: 'suppliers',
    kind: 'MUTATION',
    operation,
    recordType: 'Supplier',
    recordId: null,
    clientAddress: '127.0.0.1',
    outcome: 'SUCCEEDED',
    detail: { operationName: 'Test' },
    occurredAt: new Date(Date.now() - ageDays * DAY_MS),
  };
}

describe.each(databaseTargets)('audit log on %s', (target) => {
  let database: FreshDatabase;
  let db: Database;
  const operations = async () =>
    (await executeSql<{ operation: string }>(database.client, 'select operation from platform.audit_events order by occurred_at')).map(
      (row) => row.operation,
    );
  const floorDays = async () =>
    (await executeSql<{ days: number }>(database.client, 'select retention_floor_days as days from platform.audit_settings'))[0]?.days;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'audit_test');
    await migratePlatform(database.client);
    db = createServiceDatabase(database.client, 'platform').db;
    await auditLogOn(db).append([entry('sevenYearsAgo', 7 * 365), entry('fiveYearsAgo', 5 * 365), entry('today', 0)]);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('appends rows with their columns', async () => {
    const rows = await executeSql<Record<string, unknown>>(
      database.client,
      "select actor, role, kind, operation, record_type, client_address, outcome, detail from platform.audit_events where operation = 'today'",
    );
    expect(rows).toEqual([
      {
        actor: 'auditor-test',
        role: 'procurement',
        kind: 'MUTATION',
        operation: 'today',
        record_type: 'Supplier',
        client_address: '127.0.0.1',
        outcome: 'SUCCEEDED',
        detail: { operationName: 'Test' },
      },
    ]);
  });

  it.each([
    ['UPDATE', "update platform.audit_events set actor = 'someone-else'", /append-only: UPDATE is refused/],
    [
      'DELETE of a young row',
      "delete from platform.audit_events where operation = 'today'",
      /younger than the retention floor of 2190 days/,
    ],
    ['DELETE of every row', 'delete from platform.audit_events', /younger than the retention floor/],
    ['TRUNCATE', 'truncate platform.audit_events', /append-only: TRUNCATE is refused/],
  ])('refuses %s and leaves the rows as they were', async (_what, statement, refusal) => {
    await expect(executeSql(database.client, statement)).rejects.toThrow(refusal);
    expect(await operations()).toEqual(['sevenYearsAgo', 'fiveYearsAgo', 'today']);
    expect(await executeSql(database.client, 'select distinct actor from platform.audit_events')).toEqual([{ actor: 'auditor-test' }]);
  });

  it.each([
    ['lowered', 'update platform.audit_settings set retention_floor_days = 1', /can only be raised: UPDATE is refused/],
    ['deleted', 'delete from platform.audit_settings', /can only be raised: DELETE is refused/],
    ['truncated', 'truncate platform.audit_settings', /can only be raised: TRUNCATE is refused/],
    ['doubled', 'insert into platform.audit_settings (singleton, retention_floor_days) values (false, 1)', /audit_settings_singleton/],
  ])('refuses a retention floor %s by the application', async (_what, statement, refusal) => {
    await expect(executeSql(database.client, statement)).rejects.toThrow(refusal);
    expect(await floorDays()).toBe(2190);
  });

  it('keeps rows the configured retention would expire while they are younger than the floor', async () => {
    expect(await purgeExpiredAuditEvents(db, 30)).toBe(1);
    expect(await operations()).toEqual(['fiveYearsAgo', 'today']);
  });

  it('raises the floor to a longer configured retention, never lowers it', async () => {
    expect(await raiseRetentionFloor(db, 30)).toBe(2190);
    expect(await raiseRetentionFloor(db, 4 * 365)).toBe(2190);
    expect(await raiseRetentionFloor(db, 10 * 365)).toBe(3650);
    await auditLogOn(db).append([entry('nineYearsAgo', 9 * 365), entry('elevenYearsAgo', 11 * 365)]);
    await expect(executeSql(database.client, "delete from platform.audit_events where operation = 'nineYearsAgo'")).rejects.toThrow(
      /retention floor of 3650 days/,
    );
    expect(await purgeExpiredAuditEvents(db, 2190)).toBe(1);
    expect(await operations()).toEqual(['nineYearsAgo', 'fiveYearsAgo', 'today']);
  });
});
