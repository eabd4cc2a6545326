import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { tracePgliteStatements, tracePostgresStatements } from './statement-spans.ts';

/**
 * A connection to the database that every service of one process shares: the embedded PGlite
 * instance (one connection, queries serialized), or a postgres.js pool against `DATABASE_URL`.
 */
export type DatabaseClient =
  { readonly kind: 'pglite'; readonly pglite: PGlite } | { readonly kind: 'postgres'; readonly sql: postgres.Sql; readonly url: string };

export interface DatabaseLocation {
  /** A PostgreSQL URL; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; without it PGlite runs in memory (tests). */
  pgliteDirectory?: string | undefined;
  /** Pool size per process on PostgreSQL. */
  maxConnections?: number;
}

export async function openDatabaseClient(location: DatabaseLocation): Promise<DatabaseClient> {
  if (location.url) {
    const sql = postgres(location.url, {
      max: location.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: 'procuregraph' },
    });
    tracePostgresStatements(sql, location.url);
    return { kind: 'postgres', sql, url: location.url };
  }
  const pglite = await PGlite.create(location.pgliteDirectory);
  const [database] = (await pglite.query<{ name: string }>('select current_database() as name')).rows;
  tracePgliteStatements(pglite, database!.name);
  return { kind: 'pglite', pglite };
}

export async function closeDatabaseClient(client: DatabaseClient): Promise<void> {
  if (client.kind === 'postgres') await client.sql.end({ timeout: 5 });
  else if (!client.pglite.closed) await client.pglite.close();
}

/** Runs one parameterised statement outside the ORM (job queue adapter, LISTEN/NOTIFY, health). */
export async function executeSql<Row = Record<string, unknown>>(
  client: DatabaseClient,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  if (client.kind === 'postgres') {
    return (await client.sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[];
  }
  const result = await client.pglite.query<Row>(text, params);
  return result.rows;
}

/**
 * Subscribes to a NOTIFY channel; the returned function unsubscribes. `onListening` is called each
 * time listening starts again after postgres.js lost its listening connection and made a new one:
 * what was notified in between is lost (PGlite, in process, never loses it).
 */
export async function listen(
  client: DatabaseClient,
  channel: string,
  onPayload: (payload: string) => void,
  onListening?: () => void,
): Promise<() => Promise<void>> {
  if (client.kind === 'postgres') {
    let listening = false;
    const subscription = await client.sql.listen(channel, onPayload, () => {
      if (listening) onListening?.();
      listening = true;
    });
    return () => subscription.unlisten();
  }
  return client.pglite.listen(channel, onPayload);
}

export async function notify(client: DatabaseClient, channel: string, payload: string): Promise<void> {
  await executeSql(client, 'select pg_notify($1, $2)', [channel, payload]);
}
