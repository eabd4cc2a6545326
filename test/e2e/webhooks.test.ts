import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@procuregraph/platform/inbound';
import { subgraphNames, type SubgraphName } from '@procuregraph/schema';
import { anotherGateway, startTestGraph, type TestGraph } from '../harness.ts';

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
  gatewayUrl = graph.app.gateway.url,
): Promise<{ status: number; body: unknown }> {
  const raw = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${gatewayUrl}/webhooks/${system}`, {
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

/** A subgraph seen through a proxy that counts the webhook deliveries reaching it. */
interface CountedSubgraph {
  url: string;
  deliveries: number;
  server: Server;
}

async function countingProxy(target: string): Promise<CountedSubgraph> {
  const counted: CountedSubgraph = { url: '', deliveries: 0, server: createServer() };
  counted.server.on('request', (request, response) => {
    if (request.url?.startsWith('/webhooks/')) counted.deliveries += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const headers = Object.entries(request.headers).flatMap(([name, value]) =>
        typeof value === 'string' && name !== 'host' && name !== 'content-length' ? [[name, value] as [string, string]] : [],
      );
      const method = request.method ?? 'GET';
      const answer = await fetch(new URL(request.url ?? '/', target), {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
      });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => counted.server.listen(0, '127.0.0.1', resolve));
  counted.url = `http://127.0.0.1:${(counted.server.address() as AddressInfo).port}/graphql`;
  return counted;
}

describe('webhook routing', () => {
  it('hands a delivery only to the subgraphs that handle that system’s webhooks', async () => {
    const proxies = Object.fromEntries(
      await Promise.all(subgraphNames.map(async (name) => [name, await countingProxy(graph.app.subgraphs[name].graphqlUrl)] as const)),
    ) as Record<SubgraphName, CountedSubgraph>;
    const gateway = await anotherGateway(graph, {
      subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, proxies[name].url])),
    });
    const deliveries = () => Object.fromEntries(subgraphNames.map((name) => [name, proxies[name].deliveries]));
    try {
      expect(await deliver(acknowledgement(), undefined, 'vendor-platform', gateway.url)).toEqual({
        status: 200,
        body: { received: true, outcome: 'APPLIED' },
      });
      expect(deliveries()).toEqual({ suppliers: 1, procurement: 1, invoicing: 1, contracts: 0, operations: 0 });

      expect(await deliver(acknowledgement(), 'not-the-secret', 'erp', gateway.url)).toEqual({
        status: 401,
        body: { error: 'INVALID_SIGNATURE' },
      });
      expect(deliveries()).toEqual({ suppliers: 1, procurement: 2, invoicing: 2, contracts: 0, operations: 0 });

      expect(await deliver(acknowledgement(), undefined, 'payroll', gateway.url)).toEqual({
        status: 404,
        body: { error: 'UNKNOWN_SYSTEM' },
      });
      expect(deliveries()).toEqual({ suppliers: 1, procurement: 2, invoicing: 2, contracts: 0, operations: 0 });
    } finally {
      await gateway.close();
      await Promise.all(Object.values(proxies).map((proxy) => new Promise((resolve) => proxy.server.close(resolve))));
    }
  });
});
