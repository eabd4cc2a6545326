import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closeDatabaseClient, notify, openDatabaseClient, type DatabaseClient } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { createLogger } from '../logging.ts';
import { EVENTS_CHANNEL } from './notification.ts';
import { publishEvent, startEventBus, type EventBus } from './bus.ts';
import { streamEvents } from './event-stream.ts';
import { defineTopic, type EventEnvelope } from './topics.ts';

// LISTEN/NOTIFY needs no tables: the server's own database will do, or an in-memory PGlite.
let client: DatabaseClient;
let bus: EventBus;

beforeAll(async () => {
  client = await openDatabaseClient({ url: process.env.DATABASE_URL, maxConnections: 2 });
  bus = await startEventBus({ client, logger: createLogger('event-bus-test') });
});

afterAll(async () => {
  await bus?.close();
  if (client) await closeDatabaseClient(client);
});

const orderShipped = defineTopic('test.order_shipped', z.object({ orderId: z.uuid(), carrier: z.string() }));
const orderLost = defineTopic('test.order_lost', z.object({ orderId: z.uuid() }));

/** Collects a topic's events; `until(n)` waits for the n-th. */
function collect<Payload>(topic: typeof orderShipped | typeof orderLost) {
  const received: EventEnvelope<Payload>[] = [];
  let wake = () => {};
  const unsubscribe = bus.subscribe(topic, (event) => {
    received.push(event as EventEnvelope<Payload>);
    wake();
  });
  return {
    received,
    unsubscribe,
    async until(count: number) {
      while (received.length < count) await new Promise<void>((resolve) => (wake = resolve));
    },
  };
}

function shipped(carrier: string) {
  const orderId = newId();
  return { topic: orderShipped.name, aggregateId: orderId, payload: { orderId, carrier } };
}

describe('event bus', () => {
  it('fans each event out to every listener of its topic, with its payload parsed', async () => {
    const [first, second, lost] = [collect(orderShipped), collect(orderShipped), collect(orderLost)];
    const event = shipped('UPS');
    const eventId = await publishEvent(client, event);
    await Promise.all([first.until(1), second.until(1)]);
    expect(first.received).toEqual([{ eventId, ...event }]);
    expect(second.received).toEqual(first.received);
    expect(lost.received).toEqual([]);
    expect(bus.subscriberCount).toBe(3);
    for (const listener of [first, second, lost]) listener.unsubscribe();
    expect(bus.subscriberCount).toBe(0);
  });

  it('skips what it cannot use (malformed, wrong payload, repeated, no payload) and keeps going', async () => {
    const listener = collect(orderShipped);
    const repeated = await publishEvent(client, shipped('DHL'));
    await publishEvent(client, { ...shipped('DHL'), eventId: repeated });
    await notify(client, EVENTS_CHANNEL, 'not json');
    await notify(client, EVENTS_CHANNEL, JSON.stringify({ eventId: newId(), topic: orderShipped.name, aggregateId: newId() }));
    await publishEvent(client, { topic: orderShipped.name, aggregateId: newId(), payload: { orderId: 'not-a-uuid', carrier: 'DHL' } });
    const last = await publishEvent(client, shipped('FedEx'));
    await listener.until(2);
    expect(listener.received.map((event) => event.eventId)).toEqual([repeated, last]);
    listener.unsubscribe();
  });

  it('keeps delivering to the others when a listener throws', async () => {
    const thrownFor: string[] = [];
    const failing = bus.subscribe(orderShipped, (event) => {
      thrownFor.push(event.eventId);
      throw new Error('listener bug');
    });
    const listener = collect(orderShipped);
    const first = await publishEvent(client, shipped('UPS'));
    const second = await publishEvent(client, shipped('USPS'));
    await listener.until(2);
    expect(thrownFor).toEqual([first, second]);
    expect(listener.received.map((event) => event.eventId)).toEqual([first, second]);
    failing();
    listener.unsubscribe();
  });

  it('refuses an event too large for a notification', async () => {
    await expect(
      publishEvent(client, { topic: orderShipped.name, aggregateId: newId(), payload: { blob: 'x'.repeat(8_000) } }),
    ).rejects.toThrow(/notifications must stay under 7900/);
  });
});

describe('event streams', () => {
  it('give one subscriber the events it accepts, and unsubscribe when it stops', async () => {
    const stream = streamEvents(bus, orderShipped, { accept: (payload) => payload.carrier === 'UPS' });
    await publishEvent(client, shipped('DHL'));
    const ups = shipped('UPS');
    await publishEvent(client, ups);
    expect(await stream.next()).toEqual({ done: false, value: ups.payload });
    await stream.return();
    expect(bus.subscriberCount).toBe(0);
  });

  it('cut off a subscriber that lets too many events pile up', async () => {
    const stream = streamEvents(bus, orderShipped, { accept: () => true, limit: 2 });
    const sentinel = collect(orderShipped);
    for (let index = 0; index < 3; index += 1) await publishEvent(client, shipped('UPS'));
    await sentinel.until(3);
    sentinel.unsubscribe();
    await expect(stream.next()).rejects.toThrow(/fell too far behind/);
    expect(bus.subscriberCount).toBe(0);
  });
});
