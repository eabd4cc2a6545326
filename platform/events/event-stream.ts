import type { EventBus } from './bus.ts';
import { EventQueue } from './event-queue.ts';
import type { Topic } from './topics.ts';

export interface EventStreamOptions<Payload> {
  /** Which events this subscriber gets: its filter arguments and what its caller may see. */
  accept(payload: Payload): boolean;
  /** Events that may wait for a slow subscriber before it loses its subscription. */
  limit?: number;
}

const DEFAULT_LIMIT = 256;

/**
 * The payloads of one topic's events, for one subscriber, as an async iterator (what a GraphQL
 * subscription resolver returns). Ending the iteration unsubscribes from the bus.
 */
export function streamEvents<Payload>(bus: EventBus, topic: Topic<Payload>, options: EventStreamOptions<Payload>): EventQueue<Payload> {
  let unsubscribe = () => {};
  const queue = new EventQueue<Payload>({ limit: options.limit ?? DEFAULT_LIMIT, release: () => unsubscribe() });
  unsubscribe = bus.subscribe(topic, ({ payload }) => {
    if (options.accept(payload)) queue.push(payload);
  });
  return queue;
}
