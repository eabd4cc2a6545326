import type { Queryable } from '../db/database.ts';
import type { BackingSystem, SyncState, integrationTables } from '../db/integration-tables.ts';

export type SyncStatusTable = ReturnType<typeof integrationTables>['syncStatus'];

export interface SyncStateChange {
  entityId: string;
  system: BackingSystem;
  state: SyncState;
  attempts: number;
  lastError: string | null;
}

/**
 * Records where a record stands with one backing system. `syncedAt` only moves on success, so
 * after a failure it still tells when the remote copy was last known to be right.
 */
export async function recordSyncState(db: Queryable, table: SyncStatusTable, change: SyncStateChange): Promise<void> {
  const now = new Date();
  const syncedAt = change.state === 'SYNCED' ? now : null;
  await db
    .insert(table)
    .values({ ...change, syncedAt, updatedAt: now })
    .onConflictDoUpdate({
      target: [table.entityId, table.system],
      set: {
        state: change.state,
        attempts: change.attempts,
        lastError: change.lastError,
        updatedAt: now,
        ...(syncedAt ? { syncedAt } : {}),
      },
    });
}

/** Called by a mutation in its own transaction, so the graph shows PENDING from the moment it commits. */
export async function markSyncPending(db: Queryable, table: SyncStatusTable, entityId: string, system: BackingSystem): Promise<void> {
  await recordSyncState(db, table, { entityId, system, state: 'PENDING', attempts: 0, lastError: null });
}
