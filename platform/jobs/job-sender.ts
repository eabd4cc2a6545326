import PgBoss from 'pg-boss';
import type { DatabaseClient } from '../db/client.ts';
import { bossDatabase } from './boss-database.ts';

/**
 * A pg-boss instance that only sends (a replayed dead letter goes back on its queue): it works no
 * queue and runs no maintenance, so it needs no stopping. Started on first use, when the workers
 * have long installed pg-boss's schema.
 */
export function jobSender(client: DatabaseClient, schema = 'pgboss'): () => Promise<PgBoss> {
  let started: Promise<PgBoss> | undefined;
  return () => {
    started ??= new PgBoss({ db: bossDatabase(client), schema, supervise: false, migrate: false, schedule: false })
      .start()
      .catch((error: unknown) => {
        started = undefined;
        throw error;
      });
    return started;
  };
}
