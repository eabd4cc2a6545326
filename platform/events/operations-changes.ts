import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { backingSystems, type BackingSystem } from '../db/integration-tables.ts';
import { EVENTS_CHANNEL, notificationText } from './notification.ts';
import { defineTopic } from './topics.ts';

/** What the operations pages show, each a kind of change the graph announces live (`operationsChanged`). */
export const operationsTopics = [
  'SYNC_JOBS',
  'DEAD_LETTERS',
  'CIRCUITS',
  'FEEDS',
  'DRIFT',
  'RECONCILIATION_RUNS',
  'EDI_DOCUMENTS',
  'BUSINESS_METRICS',
  'JOURNEYS',
] as const;

export type OperationsTopic = (typeof operationsTopics)[number];

/**
 * Something operational changed: a hint to read it again, not a record of it. Raised with a
 * NOTIFY in the transaction of the change where there is one (so it is heard only once the change
 * is committed) rather than through an outbox: it has no effect to make durable, and an outbox row
 * per job state change would double the writes of every job.
 */
export const operationsChanged = defineTopic(
  'operations.changed',
  z.object({
    topic: z.enum(operationsTopics),
    system: z.enum(backingSystems).nullable(),
    recordId: z.string().min(1).nullable(),
    occurredAt: z.iso.datetime(),
  }),
);

export type OperationsChange = ReturnType<typeof operationsChanged.parse>;

export interface OperationsChangeNotice {
  topic: OperationsTopic;
  system?: BackingSystem | null;
  /** The job's entity, the run, the finding, the document or the journey's record, when there is one. */
  recordId?: string | null;
}

/** The notification announcing one change, for code that sends its notifications with its own SQL (the outbox relay). */
export function operationsChangeNotification(notice: OperationsChangeNotice): string {
  const change: OperationsChange = {
    topic: notice.topic,
    system: notice.system ?? null,
    recordId: notice.recordId ?? null,
    occurredAt: new Date().toISOString(),
  };
  const aggregateId = change.recordId ?? change.system ?? change.topic;
  return notificationText({ eventId: newId(), topic: operationsChanged.name, aggregateId, payload: change });
}

/**
 * Announces changes on the events channel, in one statement; inside a transaction they are heard
 * when it commits, not before.
 */
export async function announceOperationsChanges(db: Queryable, notices: readonly OperationsChangeNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const messages = notices.map((notice) => sql`(${operationsChangeNotification(notice)}::text)`);
  await db.execute(sql`SELECT pg_notify(${EVENTS_CHANNEL}, message) FROM (VALUES ${sql.join(messages, sql`, `)}) AS notices (message)`);
}
