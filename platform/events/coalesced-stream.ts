import type { EventBus } from './bus.ts';
import { EventQueue } from './event-queue.ts';
import type { EventStreamOptions } from './event-stream.ts';
import type { Topic } from './topics.ts';

export interface CoalescedStreamOptions<Payload, Batch> extends EventStreamOptions<Payload> {
  /** Events of one key are delivered at most once per `intervalMs`; those in between come as one. */
  keyOf(payload: Payload): string;
  /** What one event is on its own. */
  start(payload: Payload): Batch;
  /** Adds an event to those waiting for the same key. */
  merge(batch: Batch, payload: Payload): Batch;
  intervalMs: number;
}

const DEFAULT_LIMIT = 256;

/**
 * Like `streamEvents`, but a burst of one key reaches the subscriber as one item: the first event
 * of a key goes out at once, later ones wait until `intervalMs` after the last that went out and
 * then go out merged. A busy queue thus costs a browser a few refetches a second, not one per job.
 */
export function streamCoalescedEvents<Payload, Batch>(
  bus: EventBus,
  topic: Topic<Payload>,
  options: CoalescedStreamOptions<Payload, Batch>,
): EventQueue<Batch> {
  const lastSentAt = new Map<string, number>();
  const waiting = new Map<string, { batch: Batch; timer: NodeJS.Timeout }>();
  let unsubscribe = () => {};
  const queue = new EventQueue<Batch>({
    limit: options.limit ?? DEFAULT_LIMIT,
    release: () => {
      unsubscribe();
      for (const { timer } of waiting.values()) clearTimeout(timer);
      waiting.clear();
    },
  });
  const send = (key: string, batch: Batch) => {
    lastSentAt.set(key, performance.now());
    queue.push(batch);
  };
  const sendWaiting = (key: string) => {
    const held = waiting.get(key);
    waiting.delete(key);
    if (held) send(key, held.batch);
  };
  unsubscribe = bus.subscribe(topic, ({ payload }) => {
    if (!options.accept(payload)) return;
    const key = options.keyOf(payload);
    const held = waiting.get(key);
    if (held) return void (held.batch = options.merge(held.batch, payload));
    const waitMs = (lastSentAt.get(key) ?? -Infinity) + options.intervalMs - performance.now();
    if (waitMs <= 0) return send(key, options.start(payload));
    waiting.set(key, { batch: options.start(payload), timer: setTimeout(() => sendWaiting(key), waitMs) });
  });
  return queue;
}
