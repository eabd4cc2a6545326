import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError, sendError, type ErrorShape } from './errors.ts';

const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** A remembered successful create: replayed for a retry that carries the same key and body. */
export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
  createdAt: string;
}

/** Keyed by `METHOD path` and the client's key; part of a system's persisted state, so a restart keeps it. */
export type IdempotencyRecords = Record<string, IdempotencyRecord>;

/** JSON with object keys sorted, so the same body always has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprint(body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(body ?? null))
    .digest('hex');
}

interface IdempotencyOptions {
  records: () => IdempotencyRecords;
  shape: ErrorShape;
  /** Code for "same key, different body" (422). */
  mismatchCode: string;
  /** Code for "same key while the first request is still being handled" (409). */
  inFlightCode: string;
  stored: () => void;
}

/**
 * Makes a creating endpoint safe to retry: a request with an `Idempotency-Key` already used
 * with the same body gets the first response again (same status and body, header
 * `Idempotent-Replayed: true`), never a second resource; the same key with another body is
 * refused with 422. Only successful responses are remembered, so a request that failed
 * (bad input, outage) can be retried with the same key once the cause is fixed.
 */
export function idempotentCreate(options: IdempotencyOptions): RequestHandler {
  const inFlight = new Set<string>();
  return (request, response, next) => {
    const key = request.get(IDEMPOTENCY_HEADER);
    if (key === undefined) return next();
    if (key.length === 0 || key.length > 255) {
      return sendError(
        response,
        options.shape,
        new HttpError(400, options.shape.invalidInputCode, `${IDEMPOTENCY_HEADER} must be 1 to 255 characters.`),
      );
    }
    const slot = `${request.method} ${request.baseUrl}${request.path}\n${key}`;
    const print = fingerprint(request.body);
    const existing = options.records()[slot];
    if (existing) {
      if (existing.fingerprint !== print) {
        const message = `${IDEMPOTENCY_HEADER} ${JSON.stringify(key)} was already used with a different request body.`;
        return sendError(response, options.shape, new HttpError(422, options.mismatchCode, message));
      }
      response.set('Idempotent-Replayed', 'true').status(existing.status).json(existing.body);
      return;
    }
    if (inFlight.has(slot)) {
      const message = `A request with ${IDEMPOTENCY_HEADER} ${JSON.stringify(key)} is still being processed.`;
      // Retry-After tells the caller this conflict passes, unlike a conflict with the resource's state.
      response.set('Retry-After', '1');
      return sendError(response, options.shape, new HttpError(409, options.inFlightCode, message));
    }
    inFlight.add(slot);
    response.on('close', () => inFlight.delete(slot));
    const send = response.json.bind(response);
    response.json = (body: unknown) => {
      if (response.statusCode >= 200 && response.statusCode < 300) {
        options.records()[slot] = { fingerprint: print, status: response.statusCode, body, createdAt: new Date().toISOString() };
        options.stored();
      }
      return send(body);
    };
    next();
  };
}
