import { pgSchema } from 'drizzle-orm/pg-core';
import type { DatabaseClient } from './client.ts';
import { createServiceDatabase, platformMigrationsFolder } from './database.ts';

/**
 * The platform's own records, shared by every service as pg-boss's schema is: which job queues
 * exist and for which backing system, each process's circuit breaker states, the audit log.
 * Platform code in every service writes here; the operations subgraph serves it to operators.
 */
export const platformSchema = pgSchema('platform');

/** Every process that runs services migrates the platform schema first (once, under a lock). */
export async function migratePlatform(client: DatabaseClient): Promise<void> {
  await createServiceDatabase(client, 'platform').migrate(platformMigrationsFolder);
}
