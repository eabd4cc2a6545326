import { listen, notify, type DatabaseClient } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import type { Logger } from '../logging.ts';
import { rememberOrigin } from './event-origin.ts';
import { EVENTS_CHANNEL, MAX_NOTIFICATION_BYTES, eventNotificationSchema, type EventNotification } from './notification.ts';
import type { EventEnvelope, Topic } from './topics.ts';

export type EventListener<Payload> = (event: EventEnvelope<Payload>) => void;

/** The committed domain events of every process, as this process hears them. */
export interface EventBus {
  /** Calls `listener` with each event of `topic` until the returned function is called. */
  subscribe<Payload>(topic: Topic<Payload>, listener: EventListener<Payload>): () => void;
  /** How many listeners are subscribed now: what a leak would make grow. */
  readonly subscriberCount: number;
  close(): Promise<void>;
}

export interface EventBusOptions {
  client: DatabaseClient;
  logger: Logger;
}

interface TopicListeners {
  readonly topic: Topic<unknown>;
  readonly listeners: Set<EventListener<unknown>>;
}

// A relay may deliver an event twice (at least once); subscribers must see it once.
const REMEMBERED_EVENT_IDS = 1024;

/**
 * One LISTEN on the events channel for the whole process, fanned out in memory: a thousand
 * subscribers cost one database connection (PGlite's single connection, or postgres.js's
 * dedicated listening connection, which it re-establishes after a drop). Listeners are called
 * synchronously and must not block: each subscriber queues what it receives (see event-stream.ts).
 */
export async function startEventBus({ client, logger }: EventBusOptions): Promise<EventBus> {
  const log = logger.child({ component: 'event-bus' });
  const byTopic = new Map<string, TopicListeners>();
  const recentEventIds = new Set<string>();
  let closed = false;

  function isRepeat(eventId: string): boolean {
    if (recentEventIds.has(eventId)) return true;
    recentEventIds.add(eventId);
    if (recentEventIds.size > REMEMBERED_EVENT_IDS) recentEventIds.delete(recentEventIds.values().next().value as string);
    return false;
  }

  function dispatch(text: string): void {
    const notification = parseNotification(text);
    if (!notification) return void log.warn({ notification: text.slice(0, 200) }, 'ignored a malformed event notification');
    const entry = byTopic.get(notification.topic);
    if (!entry || isRepeat(notification.eventId)) return;
    const { eventId, topic, aggregateId, traceContext } = notification;
    if (!notification.payload)
      return void log.warn({ eventId, topic }, 'event notification without payload (too large to notify); live subscribers miss it');
    let payload: unknown;
    try {
      payload = entry.topic.parse(notification.payload);
    } catch (error) {
      return void log.warn({ eventId, topic, err: error }, 'ignored an event whose payload does not match its topic');
    }
    rememberOrigin(payload, { eventId, topic, recordId: aggregateId, traceContext: traceContext ?? null });
    for (const listener of [...entry.listeners]) {
      try {
        listener({ eventId, topic, aggregateId, payload });
      } catch (error) {
        log.error({ eventId, topic, err: error }, 'event listener failed');
      }
    }
  }

  const unlisten = await listen(client, EVENTS_CHANNEL, dispatch);

  return {
    subscribe<Payload>(topic: Topic<Payload>, listener: EventListener<Payload>) {
      if (closed) throw new Error('The event bus is closed');
      const entry = byTopic.get(topic.name) ?? { topic, listeners: new Set() };
      if (entry.topic !== topic) throw new Error(`Topic ${topic.name} is declared twice`);
      byTopic.set(topic.name, entry);
      const registered = listener as EventListener<unknown>;
      entry.listeners.add(registered);
      return () => {
        entry.listeners.delete(registered);
        if (entry.listeners.size === 0 && byTopic.get(topic.name) === entry) byTopic.delete(topic.name);
      };
    },
    get subscriberCount() {
      let count = 0;
      for (const { listeners } of byTopic.values()) count += listeners.size;
      return count;
    },
    async close() {
      if (closed) return;
      closed = true;
      byTopic.clear();
      await unlisten();
    },
  };
}

function parseNotification(text: string): EventNotification | null {
  try {
    const parsed = eventNotificationSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface NewEvent {
  /** A new id unless given (the outbox gives its own). */
  eventId?: string;
  topic: string;
  aggregateId: string;
  /** Ids and statuses: subscribers read the rest from the graph. */
  payload: Record<string, unknown>;
}

/**
 * Notifies every process's bus of an event, at once. For tests and for code that raises a live
 * event without an outbox row; the outbox relay notifies committed domain events itself.
 */
export async function publishEvent(client: DatabaseClient, event: NewEvent): Promise<string> {
  const eventId = event.eventId ?? newId();
  const notification: EventNotification = { eventId, topic: event.topic, aggregateId: event.aggregateId, payload: event.payload };
  const text = JSON.stringify(notification);
  const bytes = Buffer.byteLength(text);
  if (bytes >= MAX_NOTIFICATION_BYTES)
    throw new Error(`Event ${event.topic} is ${bytes} bytes; notifications must stay under ${MAX_NOTIFICATION_BYTES}`);
  await notify(client, EVENTS_CHANNEL, text);
  return eventId;
}
