import { and, eq, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../db/database.ts';
import type { integrationTables } from '../db/integration-tables.ts';

type IntegrationTables = ReturnType<typeof integrationTables>;
export type InboundTables = Pick<IntegrationTables, 'inboundEvents' | 'inboundEntityVersions'>;

/** The version of a remote entity an event describes; (occurredAt, sequence) orders versions. */
export interface EntityVersion {
  /** The remote entity, e.g. the vendor platform's registration id. */
  key: string;
  occurredAt: Date;
  /** The source's own sequence, for events in the same instant; 0 when it has none. */
  sequence?: number;
}

export interface InboundEvent {
  /** Where the event comes from, e.g. `vendor-platform`; webhooks and feeds of one system share it. */
  source: string;
  /** The source's id for the event: the same event redelivered carries the same id. */
  sourceEventId: string;
  /** Set when the event carries an entity's state, so an older one arriving late changes nothing. */
  entity?: EntityVersion;
}

export type InboundOutcome = 'APPLIED' | 'DUPLICATE' | 'SUPERSEDED';

async function isFirstDelivery(tx: Transaction, tables: InboundTables, event: InboundEvent): Promise<boolean> {
  const inserted = await tx
    .insert(tables.inboundEvents)
    .values({ source: event.source, sourceEventId: event.sourceEventId })
    .onConflictDoNothing()
    .returning({ source: tables.inboundEvents.source });
  return inserted.length === 1;
}

/** Records the entity's version when it is newer than the one applied before; true if it was. */
async function isNewerVersion(tx: Transaction, tables: InboundTables, source: string, entity: EntityVersion): Promise<boolean> {
  const versions = tables.inboundEntityVersions;
  const version = { occurredAt: entity.occurredAt, sequence: entity.sequence ?? 0 };
  const claimed = await tx
    .insert(versions)
    .values({ source, entityKey: entity.key, ...version })
    .onConflictDoUpdate({
      target: [versions.source, versions.entityKey],
      set: { ...version, updatedAt: new Date() },
      setWhere: sql`(${versions.occurredAt}, ${versions.sequence}) < (excluded.occurred_at, excluded.sequence)`,
    })
    .returning({ source: versions.source });
  return claimed.length === 1;
}

/**
 * Applies an inbound event at most once and never over newer state, in one transaction with
 * its effect: a redelivered event is a DUPLICATE, one older than what was applied for its
 * entity is SUPERSEDED (and remembered, so its redeliveries are duplicates too). Concurrent
 * deliveries of one event wait on each other's row lock, so only one applies.
 */
export function processInboundEvent(
  db: Database,
  tables: InboundTables,
  event: InboundEvent,
  apply: (tx: Transaction) => Promise<void>,
): Promise<InboundOutcome> {
  return db.transaction(async (tx) => {
    if (!(await isFirstDelivery(tx, tables, event))) return 'DUPLICATE';
    if (event.entity && !(await isNewerVersion(tx, tables, event.source, event.entity))) return 'SUPERSEDED';
    await apply(tx);
    return 'APPLIED';
  });
}

/**
 * For events whose effect cannot run in one transaction (it calls a backing system, or runs
 * workflows that open their own): one already recorded is a DUPLICATE before anything is done,
 * and the event is recorded once its effect is complete, so a failure midway leaves it to be
 * delivered again. Two deliveries at the same instant may both run, so the effect must be
 * idempotent itself (keyed by the remote entity).
 */
export async function processInboundEventOutsideTransaction(
  db: Database,
  tables: InboundTables,
  event: InboundEvent,
  apply: () => Promise<void>,
): Promise<InboundOutcome> {
  const [seen] = await db
    .select({ source: tables.inboundEvents.source })
    .from(tables.inboundEvents)
    .where(and(eq(tables.inboundEvents.source, event.source), eq(tables.inboundEvents.sourceEventId, event.sourceEventId)));
  if (seen) return 'DUPLICATE';
  await apply();
  return db.transaction(async (tx) => ((await isFirstDelivery(tx, tables, event)) ? 'APPLIED' : 'DUPLICATE'));
}
