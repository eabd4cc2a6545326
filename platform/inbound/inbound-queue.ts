import { v5 as uuidv5 } from 'uuid';
import type { JobRuntime } from '../jobs/runtime.ts';
import type { RetryOptions } from '../jobs/job-types.ts';
import { describeError } from '../resilience/failures.ts';
import type { InboundEvent, InboundOutcome } from './inbound-events.ts';

/** Namespace of parked events' job ids: the same event parked twice is one job. */
const PARKED_EVENT_NAMESPACE = '6f1c2a4e-9b3d-4c57-8e21-0d4a7b9c3f65';

/** What a parked event's job carries: the event, its item as read from the source, and why it was parked. */
interface ParkedEventPayload extends Record<string, unknown> {
  sourceEventId: string;
  entity: { key: string; occurredAt: string; sequence: number } | null;
  /** The item, JSON with its dates tagged, so the replay sees what the feed read. */
  item: string;
  parkedBecause: string;
}

export interface InboundQueueOptions<Item> {
  jobs: JobRuntime;
  /** Also names the job queue parked events wait in, `feed.<source>`. */
  source: string;
  /** Retries of a parked event before it becomes a dead letter: two, a few seconds apart, by default. */
  retry?: Partial<RetryOptions>;
  /** Applies the event at most once, with processInboundEvent or the source's own deduplication. */
  process(event: InboundEvent, item: Item): Promise<InboundOutcome>;
}

export interface InboundQueue<Item> {
  readonly source: string;
  process(event: InboundEvent, item: Item): Promise<InboundOutcome>;
  /**
   * Parks an event that could not be applied, so what comes after it is not held up: a durable
   * job tries it again a few times (a supplier's link may be about to arrive), then waits among
   * the dead letters with its item and last error until it is replayed.
   */
  park(event: InboundEvent, item: Item, error: unknown): Promise<void>;
}

const FEED_QUEUE_PREFIX = 'feed.';

/** The job queue where a source's events that could not be applied wait: `feed.vendor-platform`. */
export function feedQueueName(source: string): string {
  return `${FEED_QUEUE_PREFIX}${source}`;
}

/** The source whose parked events a queue holds, or null for any other queue. */
export function feedSourceOf(queue: string): string | null {
  return queue.startsWith(FEED_QUEUE_PREFIX) ? queue.slice(FEED_QUEUE_PREFIX.length) : null;
}

/** Dates survive the round trip through the job's JSON (`JSON.stringify` would turn them into strings). */
function encodeItem(item: unknown): string {
  return JSON.stringify(item, function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : value;
  });
}

function decodeItem(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    value !== null &&
    typeof value === 'object' &&
    Object.keys(value).length === 1 &&
    typeof (value as { $date?: unknown }).$date === 'string'
      ? new Date((value as { $date: string }).$date)
      : value,
  );
}

function eventOf(source: string, payload: ParkedEventPayload): InboundEvent {
  const { entity } = payload;
  return {
    source,
    sourceEventId: payload.sourceEventId,
    ...(entity ? { entity: { key: entity.key, occurredAt: new Date(entity.occurredAt), sequence: entity.sequence } } : {}),
  };
}

/**
 * The way one source's events are applied, shared by its feed, its webhooks and the replay of its
 * dead letters: defines the job queue where an event that cannot be applied is parked.
 */
export function defineInboundQueue<Item>(options: InboundQueueOptions<Item>): InboundQueue<Item> {
  const { jobs, source } = options;
  const queue = feedQueueName(source);
  jobs.defineHandler<ParkedEventPayload>({
    queue,
    retry: { limit: 2, delaySeconds: 2, ...options.retry },
    handler: async (job) => {
      await options.process(eventOf(source, job.payload), decodeItem(job.payload.item) as Item);
    },
  });
  return {
    source,
    process: options.process,
    async park(event, item, error) {
      const payload: ParkedEventPayload = {
        sourceEventId: event.sourceEventId,
        entity: event.entity
          ? { key: event.entity.key, occurredAt: event.entity.occurredAt.toISOString(), sequence: event.entity.sequence ?? 0 }
          : null,
        item: encodeItem(item),
        parkedBecause: describeError(error),
      };
      const id = uuidv5(`${source}:${event.sourceEventId}`, PARKED_EVENT_NAMESPACE);
      await jobs.enqueue(queue, { id, entityId: id, payload });
    },
  };
}
