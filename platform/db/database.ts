import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger as QueryLogger } from 'drizzle-orm/logger';
import { dbQueriesTotal } from '../metrics.ts';
import postgres from 'postgres';
import type { DatabaseClient } from './client.ts';

/** The typed query builder a service uses, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Either the database or an open transaction: reads work the same on both. */
export type Queryable = Database | Transaction;

/** One service's view of the database: its query builder, counted under its own name. */
export interface ServiceDatabase {
  readonly service: string;
  readonly client: DatabaseClient;
  readonly db: Database;
  /** Applies the service's migrations to its own schema, once even when several instances start. */
  migrate(migrationsFolder: string): Promise<void>;
}

function countingLogger(service: string): QueryLogger {
  const counter = dbQueriesTotal.labels({ service });
  return { logQuery: () => counter.inc() };
}

/**
 * `metricsLabel` names the statements in `db_queries_total`: a service's background work (jobs,
 * feed pollers) counts under its own label, so request-path costs can be read apart.
 */
export function createServiceDatabase(client: DatabaseClient, service: string, metricsLabel = service): ServiceDatabase {
  const logger = countingLogger(metricsLabel);
  // The migration journal cannot live in the service's schema: the first migration creates that schema.
  const migrationsTable = { migrationsSchema: 'drizzle', migrationsTable: `migrations_${service}` };
  if (client.kind === 'pglite') {
    const db = drizzlePglite({ client: client.pglite, logger, casing: 'snake_case' });
    return {
      service,
      client,
      db: db as unknown as Database,
      migrate: (migrationsFolder) => migratePglite(db, { migrationsFolder, ...migrationsTable }),
    };
  }
  const db = drizzlePostgres({ client: client.sql, logger, casing: 'snake_case' });
  return {
    service,
    client,
    db: db as unknown as Database,
    migrate: async (migrationsFolder) => {
      // Several instances may start at once: a session-level advisory lock lets exactly one apply
      // the migrations while the others wait and find them done. The lock and the migration need
      // one session, so they get a connection of their own rather than the pool.
      const session = postgres(client.url, { max: 1, onnotice: () => {} });
      const lockKey = `procuregraph.migrate.${service}`;
      try {
        await session`select pg_advisory_lock(hashtext(${lockKey}))`;
        await migratePostgres(drizzlePostgres({ client: session }), { migrationsFolder, ...migrationsTable });
      } finally {
        await session`select pg_advisory_unlock(hashtext(${lockKey}))`.catch(() => undefined);
        await session.end();
      }
    },
  };
}
