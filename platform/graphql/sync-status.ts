import { inArray } from 'drizzle-orm';
import type { Queryable } from '../db/database.ts';
import type { integrationTables } from '../db/integration-tables.ts';
import { rowsByParent } from './loaders.ts';

type SyncStatusTable = ReturnType<typeof integrationTables>['syncStatus'];

/** Batches the sync status of many records with every backing system into one statement. */
export function syncStatusLoader(db: Queryable, table: SyncStatusTable) {
  return rowsByParent(
    (entityIds) =>
      db
        .select()
        .from(table)
        .where(inArray(table.entityId, [...entityIds]))
        .orderBy(table.entityId, table.system),
    (row) => row.entityId,
  );
}
