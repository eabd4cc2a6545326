import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { createWorld } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { executeSql } from '@procuregraph/platform/db';
import { eventually, listening, startTestGraph, type TestGraph } from '../harness.ts';
import { subscribe } from '../subscriber.ts';

/**
 * The ERP pushes each business event to the gateway's `POST /webhooks/erp` as it happens; its
 * business-event feed stays the catch-up for what a push missed. A payment run reaches a
 * subscriber through the push alone, a redelivered push changes nothing, and events pushed while
 * Procuregraph's endpoint was unreachable arrive from the feed, each applied once.
 */
const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };
/** Seeded payments the ERP has issued and not yet sent: each payment run moves them one step. */
const scheduled = [...createWorld({ scale: 'default' }).payments()].filter((payment) => payment.status === 'SCHEDULED');

const STATUS_CHANGES = graphql(`
  subscription ErpPushedEvents1($invoiceId: ID) {
    paymentStatusChanged(invoiceId: $invoiceId) {
      previousStatus
      status
      payment {
        id
      }
    }
  }
`);

interface Delivery {
  eventId: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: { status: number | null }[];
}

async function erpAdmin(graph: TestGraph, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${graph.app.systems.erpUrl}/admin/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

async function deliveries(graph: TestGraph): Promise<Delivery[]> {
  const response = await fetch(`${graph.app.systems.erpUrl}/admin/webhook-deliveries`);
  return ((await response.json()) as { data: Delivery[] }).data;
}

/** The ERP's event that moved the payment to `status`, as its feed serves it. */
async function paymentEvent(
  graph: TestGraph,
  erpPaymentId: number,
  status: string,
): Promise<{ EventId: string; Sequence: number; OccurredAt: string }> {
  const response = await fetch(`${graph.app.systems.erpUrl}/fscmRestApi/resources/11.13.18.05/businessEvents?after=0&limit=500`);
  const { items } = (await response.json()) as {
    items: { EventId: string; Sequence: number; OccurredAt: string; ResourceId: number; Resource: { PaymentStatus: string } }[];
  };
  return items.find((event) => event.ResourceId === erpPaymentId && event.Resource.PaymentStatus === status)!;
}

/** Payment status changes invoicing recorded for the payment (each becomes one subscriber message). */
async function statusChangesRecorded(graph: TestGraph, paymentId: string): Promise<string[]> {
  const rows = await executeSql<{ status: string }>(
    graph.app.client,
    `select payload->>'status' as status from invoicing.outbox where topic = 'payment.status_changed' and aggregate_id = $1 order by position`,
    [paymentId],
  );
  return rows.map((row) => row.status);
}

/** The payment's journey steps that are the ERP's events, with their times. */
async function erpEventSteps(graph: TestGraph, paymentId: string): Promise<{ action: string; at: number }[]> {
  const rows = await executeSql<{ action: string; at: string | Date }>(
    graph.app.client,
    `select action, at from platform.journey_steps where entity_id = $1 and system = 'ERP' and action like '% in the ERP' order by at, id`,
    [paymentId],
  );
  return rows.map((row) => ({ action: row.action, at: new Date(row.at).getTime() }));
}

async function invoicingCursor(graph: TestGraph): Promise<number> {
  const rows = await executeSql<{ cursor: string | null }>(
    graph.app.client,
    `select cursor from invoicing.feed_cursors where source = 'erp'`,
  );
  return Number(rows[0]?.cursor ?? 0);
}

async function listen(graph: TestGraph, invoiceId: string) {
  const listeners = graph.app.events.subscriberCount;
  const subscriber = subscribe(graph.graphqlUrl, { authorization: `Bearer ${await graph.tokenFor(finance)}` }, STATUS_CHANGES, {
    invoiceId,
  });
  await listening(graph.app, listeners);
  return subscriber;
}

describe('ERP business events pushed to Procuregraph', () => {
  let graph: TestGraph;
  const payment = scheduled[0]!;

  beforeAll(async () => {
    // An hour between feed reads: whatever reaches the subscriber in this test was pushed.
    graph = await startTestGraph({ erpFeedPollIntervalMs: 3_600_000 });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it(
    'brings a payment run to the subscriber by the push alone, and a redelivered push has no second effect',
    { timeout: 120_000 },
    async () => {
      const subscriber = await listen(graph, payment.invoiceId);
      await erpAdmin(graph, 'payment-run');
      const [sent] = await subscriber.take(1, 30_000);
      expect(sent!.data!.paymentStatusChanged).toEqual({ previousStatus: 'SCHEDULED', status: 'SENT', payment: { id: payment.id } });
      const event = await paymentEvent(graph, payment.erpPaymentId, 'Negotiable');
      // The feed has not been read since before the run.
      expect(await invoicingCursor(graph)).toBeLessThan(event.Sequence);
      await erpAdmin(graph, `webhook-deliveries/${event.EventId}/redeliver`);
      const both = await eventually(async () => {
        const ofEvent = (await deliveries(graph)).filter((delivery) => delivery.eventId === event.EventId);
        return ofEvent.length === 2 && ofEvent.every((delivery) => delivery.state === 'delivered') ? ofEvent : undefined;
      });
      expect(both.map((delivery) => delivery.attempts.map((attempt) => attempt.status))).toEqual([[200], [200]]);
      expect(await statusChangesRecorded(graph, payment.id)).toEqual(['SENT']);

      // The next message is the next step, not the redelivered one.
      await erpAdmin(graph, 'payment-run');
      const [cleared] = await subscriber.take(1, 30_000);
      expect(cleared!.data!.paymentStatusChanged).toEqual({ previousStatus: 'SENT', status: 'CLEARED', payment: { id: payment.id } });
      expect(await statusChangesRecorded(graph, payment.id)).toEqual(['SENT', 'CLEARED']);
      expect(await invoicingCursor(graph)).toBeLessThan(event.Sequence);
      // Each event once on the payment's journey, redelivered or not, at the ERP's time.
      const clearedEvent = await paymentEvent(graph, payment.erpPaymentId, 'Cleared');
      expect(await erpEventSteps(graph, payment.id)).toEqual([
        { action: 'payment status SENT in the ERP', at: Date.parse(event.OccurredAt) },
        { action: 'payment status CLEARED in the ERP', at: Date.parse(clearedEvent.OccurredAt) },
      ]);
      await subscriber.close();
    },
  );
});

describe('ERP business events missed while the endpoint was down', () => {
  let graph: TestGraph;
  const payment = scheduled[1]!;

  beforeAll(async () => {
    graph = await startTestGraph({ erpFeedPollIntervalMs: 500 });
  });
  afterAll(async () => {
    await graph?.close();
  });

  it('catches up from the feed, and an event both pushed and read from the feed applies once', { timeout: 120_000 }, async () => {
    const subscriber = await listen(graph, payment.invoiceId);
    // Nothing answers there: every attempt of every push fails.
    await erpAdmin(graph, 'webhook-target', { url: 'http://127.0.0.1:9/webhooks/erp' });
    await erpAdmin(graph, 'payment-run');
    const missed = await paymentEvent(graph, payment.erpPaymentId, 'Negotiable');
    const failed = await eventually(async () => {
      const delivery = (await deliveries(graph)).find((each) => each.eventId === missed.EventId);
      return delivery?.state === 'failed' ? delivery : undefined;
    }, 30_000);
    expect(failed.attempts.map((attempt) => attempt.status)).toEqual([null, null, null, null, null]);
    const [sent] = await subscriber.take(1, 30_000);
    expect(sent!.data!.paymentStatusChanged).toEqual({ previousStatus: 'SCHEDULED', status: 'SENT', payment: { id: payment.id } });

    await erpAdmin(graph, 'webhook-target', { url: null });
    await erpAdmin(graph, 'payment-run');
    const pushed = await paymentEvent(graph, payment.erpPaymentId, 'Cleared');
    const [cleared] = await subscriber.take(1, 30_000);
    expect(cleared!.data!.paymentStatusChanged).toEqual({ previousStatus: 'SENT', status: 'CLEARED', payment: { id: payment.id } });
    // Once the feed has read past the pushed event too, it still happened once.
    await eventually(async () => ((await invoicingCursor(graph)) >= pushed.Sequence ? true : undefined), 30_000);
    expect(await statusChangesRecorded(graph, payment.id)).toEqual(['SENT', 'CLEARED']);
    // The feed's event and the pushed one are steps alike, each once.
    expect(await erpEventSteps(graph, payment.id)).toEqual([
      { action: 'payment status SENT in the ERP', at: Date.parse(missed.OccurredAt) },
      { action: 'payment status CLEARED in the ERP', at: Date.parse(pushed.OccurredAt) },
    ]);
    expect(subscriber.pending).toEqual([]);
    await subscriber.close();
  });
});
