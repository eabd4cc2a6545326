import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
const defaultToleranceSeconds = 5 * 60;

export type WebhookRejection =
  | { ok: false; status: 401; reason: 'MISSING_SIGNATURE' | 'INVALID_SIGNATURE' | 'STALE_TIMESTAMP' }
  | { ok: false; status: 400; reason: 'MALFORMED_BODY'; message: string };

export type WebhookVerification<Body> = { ok: true; body: Body; timestamp: number } | WebhookRejection;

export interface WebhookRequest {
  /** Node's lower-cased request headers. */
  headers: IncomingHttpHeaders;
  /** The body exactly as received: the signature covers its bytes, not a re-serialization. */
  rawBody: string | Buffer;
}

export interface WebhookVerificationOptions<Body> {
  secret: string;
  /** Validates the parsed JSON (e.g. a zod schema's `parse`); throwing means a malformed body. */
  parse: (json: unknown) => Body;
  now?: Date;
  toleranceSeconds?: number;
  /** How the body's text becomes JSON; `JSON.parse` unless given (a sender's amounts may need their digits kept). */
  readJson?: (text: string) => unknown;
}

function digest(secret: string, timestamp: string, rawBody: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

/** The `Webhook-Signature` value a sender puts on `rawBody` sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return `v1=${digest(secret, String(timestamp), rawBody).toString('hex')}`;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Several `v1=` values may be sent while a secret is rotated; any one of them may match. */
function signatureMatches(signatureHeader: string, expected: Buffer): boolean {
  return signatureHeader
    .split(/[,\s]+/)
    .filter((part) => part.startsWith('v1='))
    .map((part) => Buffer.from(part.slice(3), 'hex'))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}

/**
 * Authenticates a webhook before reading it: a missing or wrong signature, or one older or newer
 * than the tolerance (a replay), is a 401; only then is the body parsed, and a body that is not
 * the expected JSON is a 400.
 */
export function verifyWebhook<Body>(request: WebhookRequest, options: WebhookVerificationOptions<Body>): WebhookVerification<Body> {
  const timestamp = header(request.headers, WEBHOOK_TIMESTAMP_HEADER);
  const signature = header(request.headers, WEBHOOK_SIGNATURE_HEADER);
  if (!timestamp || !signature) return { ok: false, status: 401, reason: 'MISSING_SIGNATURE' };
  if (!/^\d{1,12}$/.test(timestamp) || !signatureMatches(signature, digest(options.secret, timestamp, request.rawBody))) {
    return { ok: false, status: 401, reason: 'INVALID_SIGNATURE' };
  }
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > (options.toleranceSeconds ?? defaultToleranceSeconds)) {
    return { ok: false, status: 401, reason: 'STALE_TIMESTAMP' };
  }
  try {
    const body = options.parse((options.readJson ?? JSON.parse)(request.rawBody.toString()));
    return { ok: true, body, timestamp: Number(timestamp) };
  } catch (error) {
    return { ok: false, status: 400, reason: 'MALFORMED_BODY', message: error instanceof Error ? error.message : String(error) };
  }
}
