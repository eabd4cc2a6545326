import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { executeSql, type DatabaseClient } from '../db/client.ts';
import type { Transaction } from '../db/database.ts';
import { createTestService, databaseTargets, disposeTestClient, openTestClient, type TestService } from '../jobs/fixtures/test-database.ts';
import { createLogger } from '../logging.ts';
import { createFeedPoller, type FeedPage } from './feed-poller.ts';
import { processInboundEvent, type InboundOutcome } from './inbound-events.ts';
import { signWebhook, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './signature.ts';

const secret = 'whsec_vendor_platform';
const registrationEvent = z.object({
  eventId: z.string(),
  registrationId: z.string(),
  status: z.string(),
  occurredAt: z.string().datetime(),
  sequence: z.number().int(),
});
type RegistrationEvent = z.infer<typeof registrationEvent>;

interface PaymentEvent {
  eventId: string;
  paymentId: string;
  status: string;
  sequence: number;
}

/** The ERP's event feed over HTTP: `GET /events?after=<sequence>` answers two events at a time. */
async function startFeed(events: PaymentEvent[], cursorsSeen: Array<string | null>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const after = new URL(request.url ?? '/', 'http://feed').searchParams.get('after');
    cursorsSeen.push(after);
    const items = events.filter((event) => event.sequence > Number(after ?? 0)).slice(0, 2);
    const page: FeedPage<PaymentEvent> = { items, cursor: items.at(-1) ? String(items.at(-1)!.sequence) : after };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, server };
}

describe.each(databaseTargets)('inbound events on %s', (target) => {
  let client: DatabaseClient;
  const schemas: string[] = [];

  beforeAll(async () => {
    client = await openTestClient(target);
  });

  afterAll(() => disposeTestClient(client, schemas));

  describe('webhooks', () => {
    let service: TestService;
    let effects: string;

    beforeAll(async () => {
      service = await createTestService(client, 'inbound');
      effects = `"${service.name}".registrations`;
      await executeSql(client, `CREATE TABLE ${effects} (id text PRIMARY KEY, status text NOT NULL, applied int NOT NULL)`);
    });

    afterAll(() => {
      schemas.push(service.name);
    });

    /** What the HTTP layer does with a vendor-platform webhook: verify, then apply once. */
    async function receive(
      rawBody: string,
      timestamp = Math.floor(Date.now() / 1000),
      signature?: string,
    ): Promise<InboundOutcome | number> {
      const headers = {
        [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
        [WEBHOOK_SIGNATURE_HEADER]: signature ?? signWebhook(secret, timestamp, rawBody),
      };
      const verified = verifyWebhook({ headers, rawBody }, { secret, parse: registrationEvent.parse });
      if (!verified.ok) return verified.status;
      const event = verified.body;
      return processInboundEvent(
        service.db,
        service.tables,
        {
          source: 'vendor-platform',
          sourceEventId: event.eventId,
          entity: { key: event.registrationId, occurredAt: new Date(event.occurredAt), sequence: event.sequence },
        },
        async (tx) => {
          await tx.execute(
            sql`INSERT INTO ${sql.raw(effects)} (id, status, applied) VALUES (${event.registrationId}, ${event.status}, 1)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, applied = ${sql.raw(effects)}.applied + 1`,
          );
        },
      );
    }

    const body = (event: RegistrationEvent) => JSON.stringify(event);

    async function registration(id: string) {
      const rows = await executeSql<{ status: string; applied: number }>(client, `SELECT status, applied FROM ${effects} WHERE id = $1`, [
        id,
      ]);
      return rows[0];
    }

    async function tableSizes() {
      const [row] = await executeSql<{ events: number; versions: number; effects: number }>(
        client,
        `SELECT (SELECT count(*)::int FROM "${service.name}".inbound_events) AS events,
                (SELECT count(*)::int FROM "${service.name}".inbound_entity_versions) AS versions,
                (SELECT count(*)::int FROM ${effects}) AS effects`,
      );
      return row;
    }

    it('applies an event once however often it is delivered, and never over a later one', async () => {
      const older = body({
        eventId: 'evt-1',
        registrationId: 'REG-1',
        status: 'SUBMITTED',
        occurredAt: '2026-03-01T10:00:00Z',
        sequence: 1,
      });
      const newer = body({
        eventId: 'evt-2',
        registrationId: 'REG-1',
        status: 'APPROVED',
        occurredAt: '2026-03-01T10:05:00Z',
        sequence: 2,
      });

      expect(await receive(newer)).toBe('APPLIED');
      expect(await receive(older)).toBe('SUPERSEDED');
      expect(await receive(older)).toBe('DUPLICATE');
      expect(await receive(older)).toBe('DUPLICATE');
      expect(await receive(newer)).toBe('DUPLICATE');
      expect(await registration('REG-1')).toEqual({ status: 'APPROVED', applied: 1 });

      const sameInstantLater = body({
        eventId: 'evt-3',
        registrationId: 'REG-1',
        status: 'ACTIVE',
        occurredAt: '2026-03-01T10:05:00Z',
        sequence: 3,
      });
      expect(await receive(sameInstantLater)).toBe('APPLIED');
      expect(await registration('REG-1')).toEqual({ status: 'ACTIVE', applied: 2 });
    });

    it('applies one of several concurrent deliveries of the same event', async () => {
      const event = body({
        eventId: 'evt-10',
        registrationId: 'REG-10',
        status: 'SUBMITTED',
        occurredAt: '2026-03-01T11:00:00Z',
        sequence: 1,
      });
      const outcomes = await Promise.all([receive(event), receive(event), receive(event)]);
      expect(outcomes.sort()).toEqual(['APPLIED', 'DUPLICATE', 'DUPLICATE']);
      expect(await registration('REG-10')).toEqual({ status: 'SUBMITTED', applied: 1 });
    });

    it('rejects a bad signature, a replayed old timestamp and a malformed body, changing nothing', async () => {
      const before = await tableSizes();
      const event = body({
        eventId: 'evt-20',
        registrationId: 'REG-20',
        status: 'SUBMITTED',
        occurredAt: '2026-03-01T12:00:00Z',
        sequence: 1,
      });
      const now = Math.floor(Date.now() / 1000);

      expect(await receive(event, now, signWebhook('not-the-secret', now, event))).toBe(401);
      expect(await receive(event, now - 3600)).toBe(401);
      expect(await receive('{"eventId": "evt-20"')).toBe(400);
      expect(await receive(JSON.stringify({ eventId: 'evt-20', registrationId: 'REG-20' }))).toBe(400);

      expect(await tableSizes()).toEqual(before);
      expect(await registration('REG-20')).toBeUndefined();
      expect(await receive(event)).toBe('APPLIED');
    });
  });

  describe('feed poller', () => {
    let service: TestService;
    let feed: { url: string; server: Server };
    let payments: string;
    const events: PaymentEvent[] = [];
    const cursorsSeen: Array<string | null> = [];

    beforeAll(async () => {
      service = await createTestService(client, 'feed');
      payments = `"${service.name}".payments`;
      await executeSql(client, `CREATE TABLE ${payments} (id text PRIMARY KEY, status text NOT NULL, applied int NOT NULL)`);
      feed = await startFeed(events, cursorsSeen);
    });

    afterAll(() => {
      schemas.push(service.name);
      feed.server.closeAllConnections();
      feed.server.close();
    });

    function event(sequence: number, paymentId: string, status: string): PaymentEvent {
      return { eventId: `pay-evt-${sequence}`, paymentId, status, sequence };
    }

    const applyPayment = (item: PaymentEvent) => async (tx: Transaction) => {
      if (item.status === 'POISON') throw new Error(`Unknown payment status ${item.status}`);
      await tx.execute(
        sql`INSERT INTO ${sql.raw(payments)} (id, status, applied) VALUES (${item.paymentId}, ${item.status}, 1)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, applied = ${sql.raw(payments)}.applied + 1`,
      );
    };

    const parked: Array<{ sourceEventId: string; item: PaymentEvent; error: string }> = [];

    function poller(intervalMs = 60_000) {
      return createFeedPoller<PaymentEvent>({
        db: service.db,
        tables: service.tables,
        logger: createLogger('feed-test'),
        intervalMs,
        fetchPage: async (cursor) => {
          const response = await fetch(`${feed.url}${cursor === null ? '' : `?after=${cursor}`}`);
          return (await response.json()) as FeedPage<PaymentEvent>;
        },
        describe: (item) => ({
          sourceEventId: item.eventId,
          entity: { key: item.paymentId, occurredAt: new Date(0), sequence: item.sequence },
        }),
        inbound: {
          source: 'erp',
          process: (event, item) => processInboundEvent(service.db, service.tables, event, applyPayment(item)),
          park: async (event, item, error) => {
            parked.push({ sourceEventId: event.sourceEventId, item, error: String(error) });
          },
        },
      });
    }

    async function payment(id: string) {
      const rows = await executeSql<{ status: string; applied: number }>(client, `SELECT status, applied FROM ${payments} WHERE id = $1`, [
        id,
      ]);
      return rows[0];
    }

    it('recovers the events whose webhooks were missed and skips those already applied', async () => {
      events.push(event(1, 'PAY-1', 'SCHEDULED'), event(2, 'PAY-1', 'SENT'), event(3, 'PAY-2', 'SCHEDULED'));
      // Only the first webhook arrived.
      const webhook = events[0]!;
      await processInboundEvent(service.db, service.tables, { source: 'erp', sourceEventId: webhook.eventId }, applyPayment(webhook));

      expect(await poller().catchUp()).toEqual({ APPLIED: 2, DUPLICATE: 1, SUPERSEDED: 0, PARKED: 0 });
      expect(await payment('PAY-1')).toEqual({ status: 'SENT', applied: 2 });
      expect(await payment('PAY-2')).toEqual({ status: 'SCHEDULED', applied: 1 });
    });

    it('resumes from the stored cursor after a restart', async () => {
      cursorsSeen.length = 0;
      expect(await poller().catchUp()).toEqual({ APPLIED: 0, DUPLICATE: 0, SUPERSEDED: 0, PARKED: 0 });
      expect(cursorsSeen).toEqual(['3']);
    });

    it('parks an event it cannot apply and applies every one after it', async () => {
      events.push(event(6, 'PAY-3', 'SCHEDULED'), event(7, 'PAY-3', 'POISON'), event(8, 'PAY-4', 'SENT'));
      cursorsSeen.length = 0;
      expect(await poller().catchUp()).toEqual({ APPLIED: 2, DUPLICATE: 0, SUPERSEDED: 0, PARKED: 1 });
      expect(parked).toEqual([
        { sourceEventId: 'pay-evt-7', item: event(7, 'PAY-3', 'POISON'), error: 'Error: Unknown payment status POISON' },
      ]);
      expect(await payment('PAY-4')).toEqual({ status: 'SENT', applied: 1 });
      // The cursor moved past it: the next catch-up starts after the last event.
      cursorsSeen.length = 0;
      expect(await poller().catchUp()).toEqual({ APPLIED: 0, DUPLICATE: 0, SUPERSEDED: 0, PARKED: 0 });
      expect(cursorsSeen).toEqual(['8']);
    });

    it('keeps polling while started and applies new events as they appear', { timeout: 15_000 }, async () => {
      const running = poller(100);
      running.start();
      events.push(event(9, 'PAY-2', 'SENT'), event(10, 'PAY-2', 'CLEARED'));
      await vi.waitFor(async () => expect(await payment('PAY-2')).toEqual({ status: 'CLEARED', applied: 3 }), {
        timeout: 5000,
        interval: 50,
      });
      await running.stop();
    });
  });
});
