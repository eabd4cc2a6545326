import type PgBoss from 'pg-boss';
import { executeSql, type DatabaseClient } from '../db/client.ts';

export type Row = Record<string, unknown>;

/** What pg-boss needs from a database (its `db` option): one statement or script at a time. */
export interface BossDatabase extends PgBoss.Db {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * pg-boss sends its DDL and maintenance as one script wrapped in its own BEGIN … COMMIT. When a
 * statement in it fails, the connection is left inside an aborted transaction: fatal on PGlite,
 * whose single connection every service shares, and a poisoned pooled connection on PostgreSQL.
 */
function opensTransaction(text: string): boolean {
  return /^\s*BEGIN\s*;/i.test(text);
}

/**
 * Runs such a script inside a driver transaction, which rolls the connection back on failure
 * and, on PGlite, holds the instance's transaction lock so no other query lands in the middle.
 * The script's own BEGIN and COMMIT then only produce warnings.
 */
async function runScript(client: DatabaseClient, script: string): Promise<void> {
  if (client.kind === 'pglite') {
    await client.pglite.transaction((tx) => tx.exec(script));
  } else {
    await client.sql.begin((tx) => tx.unsafe(script));
  }
}

/**
 * pg-boss passes values as node-postgres takes them: `undefined` for unset options (postgres.js
 * refuses it) and plain objects for json parameters. Objects are sent as JSON text, which both
 * PGlite and postgres.js (see `passJsonThrough`) hand to the server unchanged.
 */
function parameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return JSON.stringify(value);
  }
  return value;
}

function parameters(values: unknown[] | undefined): unknown[] {
  return (values ?? []).map(parameter);
}

/**
 * drizzle's postgres.js driver makes the shared client's json serializers pass values through
 * (it serializes JSON itself), so whether postgres.js stringifies a json parameter depends on
 * whether a drizzle instance was built yet. Setting the same here makes it not depend on order.
 */
function passJsonThrough(client: DatabaseClient): void {
  if (client.kind !== 'postgres') return;
  const serializers = client.sql.options.serializers as Record<number, (value: unknown) => unknown>;
  serializers[114] = serializers[3802] = (value) => value;
}

/** The `db` pg-boss runs on, over the process's shared client (PGlite or a postgres.js pool). */
export function bossDatabase(client: DatabaseClient): BossDatabase {
  passJsonThrough(client);
  return {
    async executeSql(text, values) {
      if (!values?.length && opensTransaction(text)) {
        await runScript(client, text);
        return { rows: [] };
      }
      return { rows: await executeSql(client, text, parameters(values)) };
    },
  };
}

/**
 * Runs `work` in one transaction and hands it a pg-boss `db` bound to that transaction, so jobs
 * can be sent (`boss.send(…, { db })`) atomically with other writes. On PGlite nothing inside
 * `work` may use the shared client directly: it would wait for this very transaction.
 */
export async function withBossTransaction<T>(client: DatabaseClient, work: (db: BossDatabase) => Promise<T>): Promise<T> {
  if (client.kind === 'pglite') {
    return client.pglite.transaction((tx) =>
      work({ executeSql: async (text, values) => ({ rows: (await tx.query<Row>(text, parameters(values))).rows }) }),
    );
  }
  passJsonThrough(client);
  const result = await client.sql.begin((tx) =>
    work({ executeSql: async (text, values) => ({ rows: await tx.unsafe<Row[]>(text, parameters(values) as never[]) }) }),
  );
  return result as T;
}
