import { sql } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import { announceOperationsChanges, type OperationsChangeNotice } from '../events/operations-changes.ts';
import type { Queryable } from './database.ts';
import { currentTraceId } from '../tracing/trace-context.ts';
import { newId } from './ids.ts';
import { journeySteps, type JourneyOutcome, type JourneySystem } from './platform-tables.ts';

export interface JourneyStepRecord {
  /** Taken before the effect when the step must sort before the effect's own steps of one transaction (same `at`). */
  id?: string;
  entityId: string;
  service: string;
  system: JourneySystem;
  action: string;
  outcome: JourneyOutcome;
  attempt?: number | null;
  durationMs?: number | null;
  error?: string | null;
  traceId?: string | null;
  at?: Date;
}

/**
 * Adds a step to a record's journey, and announces it to the record's page; called in the
 * transaction of the effect it describes where there is one. The step names the trace it was
 * taken in unless the caller says otherwise.
 */
export async function recordJourneyStep(db: Queryable, step: JourneyStepRecord): Promise<void> {
  await announceOperationsChanges(db, await addJourneySteps(db, [step]));
}

/**
 * Adds several steps in one statement (a job attempt and the calls it made) without announcing
 * them: returns one notice per record, for the caller to send with its own in one statement (a
 * job's end announces its steps and its state at once).
 */
export async function addJourneySteps(db: Queryable, steps: readonly JourneyStepRecord[]): Promise<OperationsChangeNotice[]> {
  if (steps.length === 0) return [];
  const traceId = currentTraceId();
  await db.insert(journeySteps).values(steps.map((step) => ({ id: newId(), traceId, ...step })));
  return journeyNotices(steps.map((step) => step.entityId));
}

/** One JOURNEYS notice per record, however many of its steps were written. */
function journeyNotices(recordIds: readonly string[]): OperationsChangeNotice[] {
  return [...new Set(recordIds)].map((recordId) => ({ topic: 'JOURNEYS', recordId }));
}

/** How many subscribers one event reached, through one gateway's subscriptions alike or all of them. */
export interface SubscriberNotification {
  eventId: string;
  /** The record the event is about: whose journey the step is on. */
  recordId: string;
  subscribers: number;
  /** When it first reached a subscriber. */
  at: Date;
  /** The longest time from the event's arrival at the gateway to its push to subscribers. */
  durationMs: number;
  traceId: string | null;
}

export const SUBSCRIBERS_NOTIFIED = 'subscribers notified: ';

// Names the step ids of deliveries (RFC 4122 name-based ids under a namespace of our own).
const NOTIFIED_STEP_NAMESPACE = '6f0d3c55-2c1e-4f5e-9a57-0f3b7c1d2e4a';

/**
 * Adds another count of one event into `into`: the subscribers summed, the earliest time, the
 * longest duration, the first trace. The upsert of `recordSubscriberNotifications` applies the
 * same rule in SQL, and both must exist: one INSERT may not touch a row twice, so a gateway merges
 * the deliveries of a batch with this before writing it, and the rows of other batches and other
 * gateways meet only in the table. Change one, change the other.
 */
export function mergeSubscriberNotification(into: SubscriberNotification, delivery: SubscriberNotification): void {
  into.subscribers += delivery.subscribers;
  if (delivery.at < into.at) into.at = delivery.at;
  into.durationMs = Math.max(into.durationMs, delivery.durationMs);
  into.traceId ??= delivery.traceId;
}

/**
 * One step per event, `subscribers notified: N`, its count the sum over every gateway and every
 * write that delivered it: the step's id is derived from the event's, so a later write (another
 * gateway's, or the same gateway's next batch) adds its subscribers to the same row. One
 * statement for the whole batch; each event at most once in it.
 */
export async function recordSubscriberNotifications(db: Queryable, notifications: readonly SubscriberNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  const countOf = (table: string) => sql.raw(`split_part(${table}.action, '${SUBSCRIBERS_NOTIFIED}', 2)::int`);
  await db
    .insert(journeySteps)
    .values(
      notifications.map((notification) => ({
        id: uuidv5(notification.eventId, NOTIFIED_STEP_NAMESPACE),
        entityId: notification.recordId,
        service: 'gateway',
        at: notification.at,
        system: 'PROCUREGRAPH' as const,
        action: `${SUBSCRIBERS_NOTIFIED}${notification.subscribers}`,
        outcome: 'SUCCEEDED' as const,
        durationMs: notification.durationMs,
        traceId: notification.traceId,
      })),
    )
    // The rule of mergeSubscriberNotification, for a row already written.
    .onConflictDoUpdate({
      target: journeySteps.id,
      set: {
        action: sql`${SUBSCRIBERS_NOTIFIED}::text || (${countOf('journey_steps')} + ${countOf('excluded')})::text`,
        at: sql`least(journey_steps.at, excluded.at)`,
        durationMs: sql`greatest(journey_steps.duration_ms, excluded.duration_ms)`,
        traceId: sql`coalesce(journey_steps.trace_id, excluded.trace_id)`,
      },
    });
  await announceOperationsChanges(db, journeyNotices(notifications.map((notification) => notification.recordId)));
}
