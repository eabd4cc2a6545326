import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { recordJourneyStep } from '../db/journey-recording.ts';
import type { integrationTables } from '../db/integration-tables.ts';
import { currentTraceCarrier } from '../tracing/trace-context.ts';

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

/** The step an event is in its record's journey: its topic, and the status it announces if any. */
function eventAction(event: DomainEvent): string {
  const status = event.payload.status;
  return typeof status === 'string' ? `${event.topic}: ${status}` : event.topic;
}

/**
 * Writes an event in the same transaction as the change it describes: it exists exactly when
 * the change committed, and a relay delivers it afterwards, however the process ends. The
 * notification wakes the relay of this schema when (and only if) the transaction commits. The
 * event is also a step of its record's journey, committed with it. The row keeps the trace
 * context it was written in, which the relay hands on to the jobs.
 */
export async function appendToOutbox(tx: Transaction, outbox: OutboxTable, event: DomainEvent): Promise<string> {
  const eventId = newId();
  const service = getTableConfig(outbox).schema ?? 'public';
  await tx.insert(outbox as PgTable & OutboxTable).values({ eventId, ...event, traceContext: currentTraceCarrier() });
  await recordJourneyStep(tx, {
    entityId: event.aggregateId,
    service,
    system: 'PROCUREGRAPH',
    action: eventAction(event),
    outcome: 'SUCCEEDED',
  });
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${service})`);
  return eventId;
}
