import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listen, type RunningServer } from '../http/server.ts';
import { createLogger } from '../logging.ts';
import { RemoteHttpError } from '../resilience/failures.ts';
import { signWebhook, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from './signature.ts';
import { MalformedWebhookError, subscribeToWebhooks, webhookRouter, type WebhookSource } from './webhook-router.ts';

const secret = 'whsec_router_test';
const event = z.object({ id: z.string(), type: z.string(), data: z.object({ amount: z.string() }).loose() });
const source: WebhookSource<z.output<typeof event>> = {
  system: 'billing',
  verify: (request) => verifyWebhook(request, { secret, parse: event.parse }),
};
const handled: string[] = [];

let server: RunningServer;

beforeAll(async () => {
  const paid = subscribeToWebhooks(source, ['invoice.paid'], async (paidEvent) => {
    handled.push(`${paidEvent.id}:${paidEvent.data.amount}`);
    return { status: 200, body: { outcome: 'APPLIED' } };
  });
  const failing = subscribeToWebhooks(source, ['invoice.voided', 'invoice.garbled'], async (voided) => {
    if (voided.type === 'invoice.garbled') throw new MalformedWebhookError('no invoice in it');
    throw new RemoteHttpError(503, 'billing is down');
  });
  const app = express();
  app.use(webhookRouter([paid, failing], createLogger('webhook-router-test')));
  server = await listen(app, 0, '127.0.0.1');
});
afterAll(() => server.close());

async function deliver(body: unknown, options: { system?: string; key?: string } = {}): Promise<{ status: number; body: unknown }> {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${server.url}/webhooks/${options.system ?? 'billing'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(options.key ?? secret, timestamp, raw),
    },
    body: raw,
  });
  return { status: response.status, body: await response.json() };
}

describe('the webhook router', () => {
  it('hands an authentic event to the subscription that declared its type', async () => {
    expect(await deliver({ id: 'evt_1', type: 'invoice.paid', data: { amount: '12.50' } })).toEqual({
      status: 200,
      body: { outcome: 'APPLIED' },
    });
    expect(handled).toEqual(['evt_1:12.50']);
  });

  it('refuses a bad signature before reading anything, and an unreadable body after', async () => {
    expect(await deliver({ id: 'evt_2', type: 'invoice.paid', data: { amount: '1' } }, { key: 'forged' })).toEqual({
      status: 401,
      body: { error: 'INVALID_SIGNATURE' },
    });
    expect(await deliver({ id: 'evt_3', type: 'invoice.paid' })).toMatchObject({ status: 400, body: { error: 'MALFORMED_BODY' } });
    expect(handled).toEqual(['evt_1:12.50']);
  });

  it('acknowledges a type nobody here handles, and knows no other system', async () => {
    expect(await deliver({ id: 'evt_4', type: 'customer.created', data: { amount: '0' } })).toEqual({
      status: 202,
      body: { outcome: 'IGNORED' },
    });
    expect(await deliver({ id: 'evt_5', type: 'invoice.paid', data: { amount: '1' } }, { system: 'payroll' })).toEqual({
      status: 404,
      body: { error: 'UNKNOWN_SYSTEM' },
    });
  });

  it('asks for a redelivery when a backing system failed, and not when the event cannot be read', async () => {
    expect(await deliver({ id: 'evt_6', type: 'invoice.voided', data: { amount: '1' } })).toEqual({
      status: 502,
      body: { error: 'NOT_PROCESSED' },
    });
    expect(await deliver({ id: 'evt_7', type: 'invoice.garbled', data: { amount: '1' } })).toEqual({
      status: 400,
      body: { error: 'MALFORMED_BODY', message: 'no invoice in it' },
    });
  });

  it('refuses two ways of reading one system', () => {
    const other: WebhookSource<z.output<typeof event>> = { ...source };
    const handle = async () => ({ status: 200, body: {} });
    expect(() =>
      webhookRouter(
        [subscribeToWebhooks(source, ['a'], handle), subscribeToWebhooks(other, ['b'], handle)],
        createLogger('webhook-router-test'),
      ),
    ).toThrow('Two webhook sources for billing');
  });
});
