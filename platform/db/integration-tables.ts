import { index, integer, jsonb, primaryKey, text, type PgSchema, bigserial } from 'drizzle-orm/pg-core';
import { createdAtColumn, instantColumn, referenceColumn, updatedAtColumn } from './columns.ts';

export const backingSystems = ['ERP', 'VENDOR_PLATFORM', 'CONTRACT_REPOSITORY'] as const;
export type BackingSystem = (typeof backingSystems)[number];

export const syncStates = ['PENDING', 'IN_PROGRESS', 'SYNCED', 'FAILED', 'DEAD_LETTERED'] as const;
export type SyncState = (typeof syncStates)[number];

/**
 * The tables every subgraph keeps in its own schema to take part in synchronization: its outbox
 * (events committed with the change that caused them) and the sync state of each of its records
 * with each backing system. Declared once here, instantiated per schema.
 */
export function integrationTables(schema: PgSchema) {
  const outbox = schema.table(
    'outbox',
    {
      position: bigserial({ mode: 'number' }).primaryKey(),
      eventId: referenceColumn().notNull().unique(),
      topic: text().notNull(),
      aggregateId: referenceColumn().notNull(),
      payload: jsonb().$type<Record<string, unknown>>().notNull(),
      createdAt: createdAtColumn(),
      dispatchedAt: instantColumn(),
    },
    (table) => [index().on(table.dispatchedAt, table.position)],
  );

  const syncStatus = schema.table(
    'sync_status',
    {
      entityId: referenceColumn().notNull(),
      system: text().$type<BackingSystem>().notNull(),
      state: text().$type<SyncState>().notNull(),
      attempts: integer().notNull().default(0),
      lastError: text(),
      syncedAt: instantColumn(),
      updatedAt: updatedAtColumn(),
    },
    (table) => [primaryKey({ columns: [table.entityId, table.system] }), index().on(table.system, table.state)],
  );

  return { outbox, syncStatus };
}
