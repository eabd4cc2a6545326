import type { z } from 'zod';

/**
 * A kind of domain event and the shape of its payload. The subgraph that owns an event declares
 * its topic once; the payload arrives from another process as JSON, so it is parsed, not trusted.
 */
export interface Topic<Payload> {
  readonly name: string;
  parse(payload: unknown): Payload;
}

export function defineTopic<Schema extends z.ZodType>(name: string, schema: Schema): Topic<z.infer<Schema>> {
  return { name, parse: (payload) => schema.parse(payload) };
}

/** One event as the bus hands it to a subscriber. */
export interface EventEnvelope<Payload> {
  readonly eventId: string;
  readonly topic: string;
  readonly aggregateId: string;
  readonly payload: Payload;
}
