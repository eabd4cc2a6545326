import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceDatabase, executeSql, listenForEntityChanges } from '@procuregraph/platform/db';
import { databaseTargets, openFreshDatabase, type FreshDatabase } from '@procuregraph/platform/testing';
import { domainSubgraphNames } from '@procuregraph/schema';
import { migrateSchemas } from '@procuregraph/runtime';

/*
 * The gateway's entity cache is exact only if every committed change to a domain subgraph's tables
 * is announced: every table has the trigger, a commit announces its schema once, a rollback nothing.
 */
describe.each(databaseTargets)('entity change announcements on %s', (target) => {
  let database: FreshDatabase;
  const heard: string[] = [];
  let unlisten: () => Promise<void>;

  beforeAll(async () => {
    database = await openFreshDatabase(target, 'entity_changes');
    await migrateSchemas(database.client, domainSubgraphNames);
    unlisten = await listenForEntityChanges(
      database.client,
      (schema) => heard.push(schema),
      () => heard.push('missed'),
    );
  });

  afterAll(async () => {
    await unlisten?.();
    await database?.drop();
  });

  /** What was heard once a marker notification, sent after the statements under test, arrives. */
  async function heardAfter(change: () => Promise<unknown>): Promise<string[]> {
    heard.length = 0;
    await change();
    await executeSql(database.client, `select pg_notify('procuregraph_entity_changes', 'marker')`);
    await expect.poll(() => heard.at(-1), { timeout: 5_000 }).toBe('marker');
    return heard.slice(0, -1);
  }

  it('has the trigger on every table of every domain subgraph', async () => {
    const tables = await executeSql<{ schema: string; table: string; announced: boolean }>(
      database.client,
      `select t.schemaname as schema, t.tablename as table,
              exists (select 1 from pg_trigger g
                        join pg_class c on c.oid = g.tgrelid
                        join pg_namespace n on n.oid = c.relnamespace
                       where n.nspname = t.schemaname and c.relname = t.tablename and g.tgname = 'announce_entity_change') as announced
         from pg_tables t where t.schemaname = any($1) order by 1, 2`,
      [domainSubgraphNames],
    );
    expect(new Set(tables.map((row) => row.schema))).toEqual(new Set(domainSubgraphNames));
    expect(tables.filter((row) => !row.announced).map((row) => `${row.schema}.${row.table}`)).toEqual([]);
  });

  it('announces a committed transaction once per schema it changed, and a rolled-back one not at all', async () => {
    const suppliers = createServiceDatabase(database.client, 'suppliers').db;
    expect(
      await heardAfter(() =>
        suppliers.transaction(async (tx) => {
          await tx.execute(sql`update suppliers.suppliers set legal_name = legal_name where false`);
          await tx.execute(sql`delete from suppliers.suppliers where false`);
          await tx.execute(sql`delete from contracts.contracts where false`);
        }),
      ),
    ).toEqual(expect.arrayContaining(['suppliers', 'contracts']));
    expect(heard.filter((schema) => schema === 'suppliers')).toHaveLength(1);
    expect(
      await heardAfter(() =>
        suppliers
          .transaction(async (tx) => {
            await tx.execute(sql`delete from invoicing.invoices where false`);
            throw new Error('rolled back');
          })
          .catch(() => undefined),
      ),
    ).toEqual([]);
  });
});
