import { sql } from 'drizzle-orm';
import type { DatabaseClient } from '../db/client.ts';
import { createServiceDatabase, type Database } from '../db/database.ts';
import { describeError } from '../resilience/failures.ts';
import type { Logger } from '../logging.ts';
import { auditEvents, auditSettings } from './audit-table.ts';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Raises the database's retention floor to the configured retention when that is longer (the
 * floor never goes down: its trigger refuses) and answers the floor now in force.
 */
export async function raiseRetentionFloor(db: Database, retentionDays: number): Promise<number> {
  const [settings] = await db
    .update(auditSettings)
    .set({ retentionFloorDays: sql`greatest(${auditSettings.retentionFloorDays}, ${retentionDays}::integer)` })
    .returning({ floorDays: auditSettings.retentionFloorDays });
  if (!settings) throw new Error('platform.audit_settings has no row: the platform migrations did not run');
  return settings.floorDays;
}

/**
 * Deletes the audit rows older than the retention, or than the database's floor when that is
 * longer (the trigger would refuse the younger ones). Answers how many rows went. Processes that
 * purge at the same moment skip, as only one can hold the advisory lock.
 */
export async function purgeExpiredAuditEvents(db: Database, retentionDays: number): Promise<number> {
  const deleted = await db.execute<{ id: string }>(sql`
    with purge_lock as (select pg_try_advisory_xact_lock(hashtext('procuregraph.audit.purge')) as held),
         floor as (select ${auditSettings.retentionFloorDays} as days from ${auditSettings})
    delete from ${auditEvents}
    where ${auditEvents.occurredAt} < now() - make_interval(days => greatest(${retentionDays}::integer, (select days from floor)))
      and (select held from purge_lock)
    returning ${auditEvents.id}`);
  return rowCount(deleted);
}

/** drizzle answers an array on postgres.js and `{ rows }` on PGlite. */
function rowCount(result: unknown): number {
  return Array.isArray(result) ? result.length : ((result as { rows?: unknown[] }).rows?.length ?? 0);
}

export interface AuditRetentionOptions {
  client: DatabaseClient;
  retentionDays: number;
  logger: Logger;
}

/**
 * Keeps the audit log within its retention: raises the floor to the configured value at start,
 * then purges expired rows now and every hour. Every process may run it; one purge runs at a time.
 */
export async function startAuditRetention({ client, retentionDays, logger }: AuditRetentionOptions): Promise<{ close(): Promise<void> }> {
  const db = createServiceDatabase(client, 'platform', 'audit').db;
  const floorDays = await raiseRetentionFloor(db, retentionDays);
  if (floorDays > retentionDays) {
    logger.warn(
      { retentionDays, floorDays },
      'AUDIT_RETENTION_DAYS is below the database retention floor; audit rows are kept for the floor',
    );
  }
  const purge = async () => {
    try {
      const deleted = await purgeExpiredAuditEvents(db, retentionDays);
      if (deleted > 0) logger.info({ deleted }, 'purged audit events past retention');
    } catch (error) {
      logger.error({ error: describeError(error) }, 'audit purge failed');
    }
  };
  let running = purge();
  const timer = setInterval(() => void (running = purge()), PURGE_INTERVAL_MS);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
