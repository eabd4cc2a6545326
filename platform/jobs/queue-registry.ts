import { and, eq, type SQL } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.ts';
import type { BackingSystem } from '../db/integration-tables.ts';
import { jobQueues } from '../db/platform-tables.ts';

/** A job queue as recorded by the runtime that works it. */
export interface RegisteredQueue {
  name: string;
  deadLetterName: string;
  service: string;
  /** The handler's own name, without the service prefix. */
  queue: string;
  system: BackingSystem | null;
}

export interface QueueScope {
  service?: string | null;
  system?: BackingSystem | null;
}

/** Records (or refreshes) the queues a runtime has created, so other processes can find them. */
export async function registerQueues(db: Database, queues: readonly RegisteredQueue[]): Promise<void> {
  for (const queue of queues) {
    await db
      .insert(jobQueues)
      .values({ ...queue, updatedAt: new Date() })
      .onConflictDoUpdate({ target: jobQueues.name, set: { ...queue, updatedAt: new Date() } });
  }
}

export async function registeredQueues(db: Queryable, scope: QueueScope = {}): Promise<RegisteredQueue[]> {
  const conditions: SQL[] = [];
  if (scope.service) conditions.push(eq(jobQueues.service, scope.service));
  if (scope.system) conditions.push(eq(jobQueues.system, scope.system));
  const rows = await db
    .select({
      name: jobQueues.name,
      deadLetterName: jobQueues.deadLetterName,
      service: jobQueues.service,
      queue: jobQueues.queue,
      system: jobQueues.system,
    })
    .from(jobQueues)
    .where(and(...conditions))
    .orderBy(jobQueues.name);
  return rows.map((row) => ({ ...row, system: row.system ?? null }));
}
