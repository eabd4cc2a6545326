import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { integer, jsonb, numeric, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { closeDatabaseClient, executeSql, openDatabaseClient, type DatabaseClient, createServiceDatabase } from '@procuregraph/platform/db';
import { seedTables } from './table-batches.ts';

const schemaName = `seed_batches_${randomBytes(4).toString('hex')}`;
const schema = pgSchema(schemaName);
const parents = schema.table('parents', {
  id: uuid().primaryKey(),
  displayName: text().notNull(),
  details: jsonb(),
  amount: numeric({ precision: 20, scale: 4 }),
});
const children = schema.table('children', {
  parentId: uuid()
    .notNull()
    .references(() => parents.id),
  position: integer().notNull(),
  recordedAt: timestamp({ withTimezone: true, mode: 'date' }),
});

const awkward = 'tab\there, newline\nthere, back\\slash, "quotes", \u00e9t\u00e9, \\N';

/**
 * 8,000 parents with three children each: the children (3 columns, 21,666 rows per INSERT) fill a
 * batch while the parents' is still open, so the flush must write parents first. Includes values
 * the COPY text format must escape.
 */
async function seedBoth(client: DatabaseClient): Promise<number> {
  await executeSql(client, `create schema ${schemaName}`);
  await executeSql(
    client,
    `create table ${schemaName}.parents (id uuid primary key, display_name text not null, details jsonb, amount numeric(20, 4))`,
  );
  await executeSql(
    client,
    `create table ${schemaName}.children (parent_id uuid not null references ${schemaName}.parents (id), position integer not null, recorded_at timestamptz)`,
  );
  const db = createServiceDatabase(client, schemaName).db;
  return seedTables(db, [parents, children], async (batches) => {
    for (let n = 0; n < 8_000; n++) {
      const id = `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
      await batches.add(parents, {
        id,
        displayName: n === 0 ? awkward : `parent ${n}`,
        details: n === 0 ? { note: awkward, nested: [1, null] } : null,
        amount: '1234.5600',
      });
      await batches.add(children, { parentId: id, position: 1, recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, 123)) });
      await batches.add(children, { parentId: id, position: 2, recordedAt: null });
      await batches.add(children, { parentId: id, position: 3, recordedAt: null });
    }
  });
}

async function expectSeeded(client: DatabaseClient, written: number): Promise<void> {
  expect(written).toBe(32_000);
  const [first] = await executeSql<{ display_name: string; details: unknown; amount: string }>(
    client,
    `select display_name, details, amount::text as amount from ${schemaName}.parents where id = '00000000-0000-7000-8000-000000000000'`,
  );
  expect(first).toEqual({ display_name: awkward, details: { note: awkward, nested: [1, null] }, amount: '1234.5600' });
  const [child] = await executeSql<{ recorded_at: Date; blank: boolean }>(
    client,
    `select min(recorded_at) as recorded_at, bool_or(recorded_at is null) as blank from ${schemaName}.children`,
  );
  expect(new Date(child!.recorded_at).toISOString()).toBe('2026-01-01T00:00:00.123Z');
  expect(child!.blank).toBe(true);
}

describe('seeding tables in batches', () => {
  const clients: DatabaseClient[] = [];

  afterAll(async () => {
    for (const client of clients) {
      if (client.kind === 'postgres') await executeSql(client, `drop schema if exists ${schemaName} cascade`);
      await closeDatabaseClient(client);
    }
  });

  it('writes multi-row inserts within the parameter limit on PGlite', async () => {
    const client = await openDatabaseClient({});
    clients.push(client);
    await expectSeeded(client, await seedBoth(client));
  });

  it.skipIf(!process.env.DATABASE_URL)('copies rows on PostgreSQL, escaping what the text format needs', async () => {
    const client = await openDatabaseClient({ url: process.env.DATABASE_URL, maxConnections: 2 });
    clients.push(client);
    await expectSeeded(client, await seedBoth(client));
  });

  it('writes nothing when filling fails after a batch was written', async () => {
    const client = clients[0]!;
    const db = createServiceDatabase(client, schemaName).db;
    await executeSql(client, `delete from ${schemaName}.children`);
    const attempt = seedTables(db, [children], async (batches) => {
      for (let n = 0; n < 25_000; n++)
        await batches.add(children, { parentId: '00000000-0000-7000-8000-000000000001', position: 10 + n, recordedAt: null });
      throw new Error('generator broke');
    });
    await expect(attempt).rejects.toThrow('generator broke');
    const [row] = await executeSql<{ count: string }>(client, `select count(*) as count from ${schemaName}.children`);
    expect(Number(row!.count)).toBe(0);
  });
});
