import { listen, type DatabaseClient } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import type { Logger } from '../logging.ts';
import { withBossTransaction, type BossDatabase, type Row } from '../jobs/boss-database.ts';
import { WakeSignal } from '../jobs/wake-signal.ts';
import type { JobRuntime, ProducedEvent, PublishedEvent } from '../jobs/runtime.ts';
import { describeError } from '../resilience/failures.ts';
import { EVENTS_CHANNEL, notificationText } from '../events/notification.ts';
import { operationsChangeNotification } from '../events/operations-changes.ts';
import { contextFrom, currentTraceCarrier, currentTraceId, inSpan, SpanKind, type TraceCarrier } from '../tracing/trace-context.ts';
import { OUTBOX_CHANNEL } from './outbox.ts';

export interface OutboxRelayOptions {
  client: DatabaseClient;
  /** The service whose schema's `outbox` table the relay drains. */
  service: string;
  /** Where events become jobs (any started runtime: subscriptions are shared by all services). */
  jobs: Pick<JobRuntime, 'publish'>;
  logger: Logger;
  batchSize?: number;
  /** The safety net: how often the relay looks for rows when no notification woke it. */
  pollIntervalMs?: number;
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Finishes the batch in hand and stops. */
  stop(): Promise<void>;
  /** Dispatches everything pending now; resolves with the number of events dispatched. */
  dispatchPending(): Promise<number>;
}

function toEvent(row: Row): PublishedEvent {
  return {
    eventId: String(row.event_id),
    topic: String(row.topic),
    aggregateId: String(row.aggregate_id),
    payload: row.payload as Record<string, unknown>,
    occurredAt: row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at)),
    traceContext: (row.trace_context as TraceCarrier | null) ?? null,
  };
}

function notification(service: string, event: PublishedEvent): string {
  return notificationText({
    service,
    eventId: event.eventId,
    topic: event.topic,
    aggregateId: event.aggregateId,
    occurredAt: event.occurredAt.toISOString(),
    ...(event.traceContext ? { traceContext: event.traceContext } : {}),
    payload: event.payload,
  });
}

/** The operations pages hear of the new jobs once, and each record's journey of its new steps. */
function queuedJobsNotifications(records: Set<string>): string[] {
  if (records.size === 0) return [];
  const journeys = [...records].map((recordId) => operationsChangeNotification({ topic: 'JOURNEYS', recordId }));
  return [operationsChangeNotification({ topic: 'SYNC_JOBS' }), ...journeys];
}

/** Each job an event became is a step of its record's journey, waiting until its first attempt: one statement for the batch. */
async function recordQueued(db: BossDatabase, produced: readonly Produced[], queues: readonly string[][]): Promise<void> {
  const steps = produced.flatMap(({ event, traceId }, index) =>
    queues[index]!.map((queue) => ({ entityId: event.aggregateId, queue, traceId })),
  );
  if (steps.length === 0) return;
  await db.executeSql(
    `INSERT INTO platform.journey_steps (id, entity_id, service, system, action, outcome, trace_id)
     SELECT step.id, step.entity_id, registered.service, coalesce(registered.system, 'PROCUREGRAPH'), registered.queue || ': queued',
            'PENDING', step.trace_id
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS step(id, entity_id, queue, trace_id, position)
     JOIN platform.job_queues registered ON registered.name = step.queue
     ORDER BY step.position`,
    [steps.map(() => newId()), steps.map((step) => step.entityId), steps.map((step) => step.queue), steps.map((step) => step.traceId)],
  );
}

interface Produced extends ProducedEvent {
  traceId: string | null;
}

/**
 * An event about to become jobs, in a producer span continuing the trace it was written in: the
 * jobs carry that span's context, so their runs join the trace across the queue. The span marks
 * the event's handing over; the batch's statements run after it, once for all of its events.
 */
function produce(service: string, event: PublishedEvent): Promise<Produced> {
  const span = {
    component: service,
    name: `outbox relay ${event.topic}`,
    kind: SpanKind.PRODUCER,
    parent: contextFrom(event.traceContext),
    attributes: { 'messaging.system': 'pg-boss', 'messaging.destination.name': event.topic, 'messaging.message.id': event.eventId },
  };
  return inSpan(span, async () => ({ event, jobTraceContext: currentTraceCarrier(), traceId: currentTraceId() }));
}

/**
 * Moves committed outbox rows to pg-boss, in order, in one transaction per batch: the rows are
 * locked (`SKIP LOCKED`, so relays in several processes share the work), their jobs inserted,
 * the rows marked dispatched and the live notifications sent, all or nothing. A relay that dies
 * midway leaves the rows undispatched for the next one. Job ids are the event ids, so an event
 * dispatched again (by an operator) adds no job while the first is still in pg-boss's job table.
 * Order holds within a relay; relays working side by side interleave their batches, which is
 * why consumers keep "latest state wins" rather than rely on arrival order.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { client, service, jobs, logger } = options;
  if (!/^[a-z_][a-z0-9_]*$/.test(service)) throw new Error(`Not a schema name: ${service}`);
  const table = `"${service}"."outbox"`;
  const batchSize = options.batchSize ?? 100;
  const log = logger.child({ component: 'outbox-relay' });
  let running = false;
  let looping: Promise<void> = Promise.resolve();
  const signal = new WakeSignal();
  let unlisten: (() => Promise<void>) | null = null;

  async function dispatchBatch(db: BossDatabase): Promise<number> {
    const { rows } = await db.executeSql(
      `SELECT event_id, topic, aggregate_id, payload, created_at, trace_context FROM ${table}
       WHERE dispatched_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batchSize],
    );
    const events = rows.map(toEvent);
    if (events.length === 0) return 0;
    const produced = await Promise.all(events.map((event) => produce(service, event)));
    const queues = await jobs.publish(db, produced);
    await recordQueued(db, produced, queues);
    const queuedFor = new Set(events.filter((_, index) => queues[index]!.length > 0).map((event) => event.aggregateId));
    await db.executeSql(`UPDATE ${table} SET dispatched_at = now() WHERE event_id = ANY($1::uuid[])`, [
      events.map((event) => event.eventId),
    ]);
    await db.executeSql(`SELECT pg_notify($1, message) FROM unnest($2::text[]) AS message`, [
      EVENTS_CHANNEL,
      [...events.map((event) => notification(service, event)), ...queuedJobsNotifications(queuedFor)],
    ]);
    return events.length;
  }

  async function dispatchPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const dispatched = await withBossTransaction(client, dispatchBatch);
      total += dispatched;
      if (dispatched < batchSize) return total;
    }
  }

  async function loop(): Promise<void> {
    while (running) {
      await dispatchPending().catch((error: unknown) => log.error({ error: describeError(error) }, 'outbox dispatch failed'));
      if (running) await signal.sleep(options.pollIntervalMs ?? 1000);
    }
  }

  return {
    dispatchPending,
    async start() {
      if (running) return;
      running = true;
      unlisten = await listen(client, OUTBOX_CHANNEL, (payload) => {
        if (payload === service) signal.wake();
      });
      looping = loop();
    },
    async stop() {
      if (!running) return;
      running = false;
      signal.wake();
      await looping;
      await unlisten?.();
      unlisten = null;
    },
  };
}
