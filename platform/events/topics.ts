import { z } from 'zod';

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

/**
 * What a notification on the events channel carries. The outbox relay adds fields of its own
 * (service, occurredAt), which are ignored here, and leaves the payload out of an event too large
 * for a notification.
 */
export const notificationSchema = z.object({
  eventId: z.string().min(1),
  topic: z.string().min(1),
  aggregateId: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).optional(),
});

export type Notification = z.infer<typeof notificationSchema>;
