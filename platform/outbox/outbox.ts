import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { integrationTables } from '../db/integration-tables.ts';

/**
 * Wakes the relays when an outbox gets rows (payload: the schema whose outbox it is); delivered only
 * when the writing transaction commits.
 */
export const OUTBOX_CHANNEL = 'procuregraph_outbox';

export type OutboxTable = ReturnType<typeof integrationTables>['outbox'];

export interface DomainEvent<Payload extends Record<string, unknown> = Record<string, unknown>> {
  topic: string;
  aggregateId: string;
  payload: Payload;
}

/**
 * Writes an event in the same transaction as the change it describes: it exists exactly when
 * the change committed, and a relay delivers it afterwards, however the process ends. The
 * notification wakes the relay of this schema when (and only if) the transaction commits.
 */
export async function appendToOutbox(tx: Transaction, outbox: OutboxTable, event: DomainEvent): Promise<string> {
  const eventId = newId();
  await tx.insert(outbox as PgTable & OutboxTable).values({ eventId, ...event });
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${getTableConfig(outbox).schema ?? 'public'})`);
  return eventId;
}
