import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@procuregraph/platform/inbound';
import { startTestGraph, type TestGraph } from '../harness.ts';

/** Deliveries to the gateway's one webhook URL, which hands them to whichever subgraph declared their type. */
let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

async function deliver(
  event: Record<string, unknown>,
  secret = graph.app.systems.vendorPlatformWebhookSecret,
  system = 'vendor-platform',
): Promise<{ status: number; body: unknown }> {
  const raw = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${graph.app.gateway.url}/webhooks/${system}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': String(event.id),
      [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, timestamp, raw),
    },
    body: raw,
  });
  return { status: response.status, body: await response.json() };
}

const acknowledgement = () => ({
  id: `evt_${randomUUID()}`,
  type: 'purchase_order.acknowledged',
  createdAt: new Date().toISOString(),
  data: { purchaseOrder: { externalId: randomUUID() }, acknowledgement: { status: 'rejected', respondedAt: null } },
});

describe('vendor platform webhooks through the gateway', () => {
  it('reach the subgraph that handles their type, once per event id', async () => {
    const event = acknowledgement();
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: 'APPLIED' } });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: 'DUPLICATE' } });
  });

  it('are refused with a bad signature, and when malformed', async () => {
    expect(await deliver(acknowledgement(), 'not-the-secret')).toEqual({ status: 401, body: { error: 'INVALID_SIGNATURE' } });
    expect(await deliver({ ...acknowledgement(), data: {} })).toMatchObject({ status: 400, body: { error: 'MALFORMED_BODY' } });
  });

  it('are delivered again when the subgraph that handles them fails, whatever the others answered', async () => {
    const unreadableInvoice = {
      id: `evt_${randomUUID()}`,
      type: 'invoice.submitted',
      createdAt: new Date().toISOString(),
      data: { invoice: { id: 'vinv_1' } },
    };
    expect(await deliver(unreadableInvoice)).toEqual({ status: 500, body: { error: 'NOT_PROCESSED' } });
  });

  it('are acknowledged when no subgraph handles their type, and unknown for a system nobody follows', async () => {
    expect(await deliver({ ...acknowledgement(), type: 'supplier.rated' })).toEqual({ status: 202, body: { outcome: 'IGNORED' } });
    expect(await deliver(acknowledgement(), undefined, 'payroll')).toEqual({ status: 404, body: { error: 'UNKNOWN_SYSTEM' } });
  });
});
