import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signWebhook, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, type WebhookRequest } from './signature.ts';

const secret = 'whsec_test';
const now = new Date('2026-03-01T12:00:00Z');
const nowSeconds = now.getTime() / 1000;
const body = z.object({ eventId: z.string(), status: z.enum(['APPROVED', 'REJECTED']) });
const rawBody = JSON.stringify({ eventId: 'evt-1', status: 'APPROVED' });

function signed(raw: string | Buffer, timestamp = nowSeconds, signature = signWebhook(secret, timestamp, raw)) {
  return { headers: { [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp), [WEBHOOK_SIGNATURE_HEADER]: signature }, rawBody: raw };
}

const verify = (request: WebhookRequest) => verifyWebhook(request, { secret, parse: body.parse, now });

describe('webhook signature verification', () => {
  it('accepts a correctly signed, fresh request and returns its parsed body', () => {
    expect(verify(signed(rawBody))).toEqual({ ok: true, body: { eventId: 'evt-1', status: 'APPROVED' }, timestamp: nowSeconds });
    expect(verify(signed(Buffer.from(rawBody)))).toMatchObject({ ok: true });
  });

  it('signs `${timestamp}.${body}` with HMAC-SHA256 as v1=<hex>', () => {
    expect(signWebhook('key', 1700000000, '{}')).toBe('v1=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae');
  });

  it('accepts any of several signatures while a secret is being rotated', () => {
    const signature = `v1=${'0'.repeat(64)}, ${signWebhook(secret, nowSeconds, rawBody)}`;
    expect(verify(signed(rawBody, nowSeconds, signature))).toMatchObject({ ok: true });
  });

  it('rejects a missing signature with 401', () => {
    expect(verify({ headers: {}, rawBody })).toEqual({ ok: false, status: 401, reason: 'MISSING_SIGNATURE' });
  });

  it('rejects a wrong secret, a tampered body or a garbled header with 401', () => {
    expect(verify(signed(rawBody, nowSeconds, signWebhook('other', nowSeconds, rawBody)))).toMatchObject({
      status: 401,
      reason: 'INVALID_SIGNATURE',
    });
    const tampered = { ...signed(rawBody), rawBody: rawBody.replace('APPROVED', 'REJECTED') };
    expect(verify(tampered)).toMatchObject({ status: 401, reason: 'INVALID_SIGNATURE' });
    expect(verify(signed(rawBody, nowSeconds, 'v1=zz'))).toMatchObject({ status: 401, reason: 'INVALID_SIGNATURE' });
    expect(verify({ ...signed(rawBody), headers: { ...signed(rawBody).headers, [WEBHOOK_TIMESTAMP_HEADER]: 'yesterday' } })).toMatchObject({
      status: 401,
      reason: 'INVALID_SIGNATURE',
    });
  });

  it('rejects a replayed request older than five minutes, or one from the future, with 401', () => {
    expect(verify(signed(rawBody, nowSeconds - 301))).toEqual({ ok: false, status: 401, reason: 'STALE_TIMESTAMP' });
    expect(verify(signed(rawBody, nowSeconds + 301))).toEqual({ ok: false, status: 401, reason: 'STALE_TIMESTAMP' });
    expect(verify(signed(rawBody, nowSeconds - 300))).toMatchObject({ ok: true });
  });

  it('rejects a signed body that is not the expected JSON with 400', () => {
    expect(verify(signed('{"eventId": "evt-1",'))).toMatchObject({ ok: false, status: 400, reason: 'MALFORMED_BODY' });
    expect(verify(signed(JSON.stringify({ eventId: 'evt-1', status: 'MAYBE' })))).toMatchObject({ status: 400, reason: 'MALFORMED_BODY' });
  });
});
