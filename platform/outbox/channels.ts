/**
 * NOTIFY channels. A relay is woken on `OUTBOX_CHANNEL` (payload: the service whose outbox has new
 * rows); live listeners (gateway subscriptions, idle job workers) hear every dispatched event on
 * `EVENTS_CHANNEL`. Both are delivered only when the notifying transaction commits.
 */
export const OUTBOX_CHANNEL = 'procuregraph_outbox';
export const EVENTS_CHANNEL = 'procuregraph_events';

/** What `EVENTS_CHANNEL` carries, as JSON. */
export interface EventNotification {
  service: string;
  eventId: string;
  topic: string;
  aggregateId: string;
  occurredAt: string;
  /** Left out when the event is too large for a notification (PostgreSQL caps them at 8000 bytes). */
  payload?: Record<string, unknown>;
}
