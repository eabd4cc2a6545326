import { z } from 'zod';

/**
 * The live-events channel: the outbox relay (and `publishEvent`) announce every dispatched event
 * on it; each process's event bus, and idle job workers, listen. PostgreSQL delivers a
 * notification only when the notifying transaction commits.
 */
export const EVENTS_CHANNEL = 'procuregraph_events';

// PostgreSQL refuses notifications of 8000 bytes or more; the margin is for the channel name.
export const MAX_NOTIFICATION_BYTES = 7900;

/** What a notification on `EVENTS_CHANNEL` carries, as JSON; it arrives from another process, so it is parsed, not trusted. */
export const eventNotificationSchema = z.object({
  eventId: z.string().min(1),
  topic: z.string().min(1),
  aggregateId: z.string().min(1),
  /** The service whose outbox the event came from; absent for an event raised by `publishEvent`. */
  service: z.string().optional(),
  occurredAt: z.string().optional(),
  /** The trace the event was written in (its outbox row's), so live subscribers' work continues it. */
  traceContext: z.object({ traceparent: z.string().optional(), tracestate: z.string().optional() }).optional(),
  /** Left out when the event is too large for a notification. */
  payload: z.record(z.string(), z.unknown()).optional(),
});

export type EventNotification = z.infer<typeof eventNotificationSchema>;

/** The notification's text, with its payload, or without it when the whole would be too large. */
export function notificationText(notification: EventNotification): string {
  const full = JSON.stringify(notification);
  if (Buffer.byteLength(full) < MAX_NOTIFICATION_BYTES) return full;
  const { payload: _payload, ...withoutPayload } = notification;
  return JSON.stringify(withoutPayload);
}
