import type { TraceCarrier } from '../tracing/trace-context.ts';
import { bigint, index, integer, jsonb, primaryKey, text, type PgSchema, bigserial } from 'drizzle-orm/pg-core';
import { createdAtColumn, instantColumn, referenceColumn, updatedAtColumn } from './columns.ts';
import { valueCheck } from './value-checks.ts';

export const backingSystems = ['ERP', 'VENDOR_PLATFORM', 'CONTRACT_REPOSITORY'] as const;
export type BackingSystem = (typeof backingSystems)[number];

export const syncStates = ['PENDING', 'IN_PROGRESS', 'SYNCED', 'FAILED', 'DEAD_LETTERED'] as const;
export type SyncState = (typeof syncStates)[number];

/**
 * The tables every subgraph keeps in its own schema to take part in synchronization: its outbox
 * (events committed with the change that caused them), the sync state of each of its records
 * with each backing system, and what it needs to apply events from those systems once and in
 * order (inbound deduplication, the latest version seen per entity, feed cursors). Declared once
 * here, instantiated per schema.
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
      /** The W3C trace context the change was made in, so the jobs it becomes continue that trace across the queue. */
      traceContext: jsonb().$type<TraceCarrier>(),
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
    (table) => [
      primaryKey({ columns: [table.entityId, table.system] }),
      index().on(table.system, table.state),
      valueCheck('sync_status_system_check', table.system, backingSystems),
      valueCheck('sync_status_state_check', table.state, syncStates),
    ],
  );

  /** Every webhook or feed item already processed, by its source's own event id. */
  const inboundEvents = schema.table(
    'inbound_events',
    {
      source: text().notNull(),
      sourceEventId: text().notNull(),
      receivedAt: createdAtColumn(),
    },
    (table) => [primaryKey({ columns: [table.source, table.sourceEventId] })],
  );

  /** The newest version of each remote entity applied so far: an older event changes nothing. */
  const inboundEntityVersions = schema.table(
    'inbound_entity_versions',
    {
      source: text().notNull(),
      entityKey: text().notNull(),
      occurredAt: instantColumn().notNull(),
      sequence: bigint({ mode: 'number' }).notNull().default(0),
      updatedAt: updatedAtColumn(),
    },
    (table) => [primaryKey({ columns: [table.source, table.entityKey] })],
  );

  /** How far each source's feed has been read. */
  const feedCursors = schema.table('feed_cursors', {
    source: text().primaryKey(),
    cursor: text(),
    updatedAt: updatedAtColumn(),
  });

  return { outbox, syncStatus, inboundEvents, inboundEntityVersions, feedCursors };
}
