import { join } from 'node:path';
import { pgSchema } from 'drizzle-orm/pg-core';
import { repositoryRoot } from '../config.ts';
import type { DatabaseClient } from './client.ts';
import { createServiceDatabase } from './database.ts';

/**
 * The platform's own records, shared by every service as pg-boss's schema is: which job queues
 * exist and for which backing system, each process's circuit breaker states, the audit log.
 * Platform code in every service writes here; the operations subgraph serves it to operators.
 */
export const platformSchema = pgSchema('platform');

// From the repository root, not this module: a production build bundles this module elsewhere.
const migrationsFolder = join(repositoryRoot, 'platform', 'db', 'migrations');

/** Every process that runs services migrates the platform schema first (once, under a lock). */
export async function migratePlatform(client: DatabaseClient): Promise<void> {
  await createServiceDatabase(client, 'platform').migrate(migrationsFolder);
}
