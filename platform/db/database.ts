import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger as QueryLogger } from 'drizzle-orm/logger';
import { dbQueriesTotal } from '../metrics.ts';
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

export function createServiceDatabase(client: DatabaseClient, service: string): ServiceDatabase {
  const logger = countingLogger(service);
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
      // Several instances may start at once: a session-level advisory lock on a reserved
      // connection lets exactly one apply the migrations while the others wait and find them done.
      const reserved = await client.sql.reserve();
      try {
        await reserved`select pg_advisory_lock(hashtext(${'procuregraph.migrate.' + service}))`;
        await migratePostgres(drizzlePostgres({ client: reserved }), { migrationsFolder, ...migrationsTable });
      } finally {
        await reserved`select pg_advisory_unlock(hashtext(${'procuregraph.migrate.' + service}))`;
        reserved.release();
      }
    },
  };
}
