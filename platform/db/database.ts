import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger as QueryLogger } from 'drizzle-orm/logger';
import { dbQueriesTotal } from '../metrics.ts';
import postgres from 'postgres';
import { join } from 'node:path';
import { repositoryRoot } from '../config.ts';
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
type Migrate = (migrationsFolder: string) => Promise<void>;

// From the repository root, not this module: a production build bundles this module elsewhere.
export const platformMigrationsFolder = join(repositoryRoot, 'platform', 'db', 'migrations');

/** Applies one schema's migrations, once even when several instances start. */
function migrator(client: DatabaseClient, schema: string, logger: QueryLogger): Migrate {
  // The migration journal cannot live in the schema itself: the first migration creates that schema.
  const migrationsTable = { migrationsSchema: 'drizzle', migrationsTable: `migrations_${schema}` };
  if (client.kind === 'pglite') {
    const db = drizzlePglite({ client: client.pglite, logger, casing: 'snake_case' });
    return (migrationsFolder) => migratePglite(db, { migrationsFolder, ...migrationsTable });
  }
  return async (migrationsFolder) => {
    // Several instances may start at once: a session-level advisory lock lets exactly one apply
    // the migrations while the others wait and find them done. The lock and the migration need
    // one session, so they get a connection of their own rather than the pool.
    const session = postgres(client.url, { max: 1, onnotice: () => {} });
    const lockKey = `procuregraph.migrate.${schema}`;
    try {
      await session`select pg_advisory_lock(hashtext(${lockKey}))`;
      await migratePostgres(drizzlePostgres({ client: session }), { migrationsFolder, ...migrationsTable });
    } finally {
      await session`select pg_advisory_unlock(hashtext(${lockKey}))`.catch(() => undefined);
      await session.end();
    }
  };
}

export function createServiceDatabase(client: DatabaseClient, service: string, metricsLabel = service): ServiceDatabase {
  const logger = countingLogger(metricsLabel);
  const db =
    client.kind === 'pglite'
      ? drizzlePglite({ client: client.pglite, logger, casing: 'snake_case' })
      : drizzlePostgres({ client: client.sql, logger, casing: 'snake_case' });
  const migrateOwn = migrator(client, service, logger);
  return {
    service,
    client,
    db: db as unknown as Database,
    // A service's writes reach the platform schema too (its events' journey steps), so its
    // migrations come after the platform's.
    migrate: async (migrationsFolder) => {
      if (service !== 'platform') await migrator(client, 'platform', logger)(platformMigrationsFolder);
      await migrateOwn(migrationsFolder);
    },
  };
}
