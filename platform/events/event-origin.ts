import { z } from 'zod';
import type { TraceCarrier } from '../tracing/trace-context.ts';

/** Where an event a subscriber receives came from: the committed event, its record and its trace. */
export interface EventOrigin {
  readonly eventId: string;
  readonly topic: string;
  /** The record the event is about (the outbox row's aggregate): whose journey its deliveries are a step of. */
  readonly recordId: string;
  readonly traceContext: TraceCarrier | null;
}

// The bus parses each notification's payload once and hands that one object to every listener, so
// the payload itself is the key: subscription resolvers keep receiving bare payloads.
const origins = new WeakMap<object, EventOrigin>();

/** Remembers where a payload the bus hands out came from (for as long as the payload lives). */
export function rememberOrigin(payload: unknown, origin: EventOrigin): void {
  if (typeof payload === 'object' && payload !== null) origins.set(payload, origin);
}

/** Where a payload the bus handed out came from; undefined for any other value. */
export function originOf(payload: unknown): EventOrigin | undefined {
  return typeof payload === 'object' && payload !== null ? origins.get(payload) : undefined;
}

/**
 * What a subgraph adds to each subscription event it sends the gateway, under
 * `extensions.procuregraphEvent`: the event and record it is, and the trace it continues, so the
 * gateway can record its delivery on the record's journey and continue the trace. The gateway's
 * own answers to clients never carry it.
 */
const deliveredEventSchema = z.object({
  eventId: z.string().min(1),
  topic: z.string().min(1),
  recordId: z.string().min(1),
  traceparent: z.string().optional(),
  tracestate: z.string().optional(),
});

export type DeliveredEvent = z.infer<typeof deliveredEventSchema>;

export const DELIVERED_EVENT_EXTENSION = 'procuregraphEvent';

/** The extension a subgraph sends with an event, naming the trace its resolution belongs to. */
export function deliveredEventExtension(origin: EventOrigin, trace: TraceCarrier | null): Record<string, DeliveredEvent> {
  return { [DELIVERED_EVENT_EXTENSION]: { eventId: origin.eventId, topic: origin.topic, recordId: origin.recordId, ...(trace ?? {}) } };
}

/** The event a subgraph's subscription result says it is, or null when it names none (or not readably). */
export function readDeliveredEvent(extensions: Record<string, unknown> | undefined): DeliveredEvent | null {
  const parsed = deliveredEventSchema.safeParse(extensions?.[DELIVERED_EVENT_EXTENSION]);
  return parsed.success ? parsed.data : null;
}
