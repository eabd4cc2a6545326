import { RemoteHttpError } from '../resilience/failures.ts';
import { observed } from './call-observer.ts';

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  body?: unknown;
  /** Sent as `Idempotency-Key` on remote creates. */
  idempotencyKey?: string;
  signal?: AbortSignal | undefined;
  /** `text`: numbers in the answer come as their literal text, for amounts read as exact decimals. */
  numbers?: 'text';
}

/**
 * One JSON call to a backing system. A non-2xx answer becomes a RemoteHttpError carrying the
 * system's own error text (shown in the sync status), so the job runtime can tell retryable from
 * permanent failures by its status.
 */
export function requestJson(url: string, request: JsonRequest, describeFailure: (body: unknown) => string): Promise<unknown> {
  return observed(request.method, url, () => sendJson(url, request, describeFailure));
}

async function sendJson(url: string, request: JsonRequest, describeFailure: (body: unknown) => string): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
  const response = await fetch(url, {
    method: request.method,
    headers,
    body: request.body === undefined ? null : JSON.stringify(request.body),
    signal: request.signal ?? null,
  });
  const text = await response.text();
  const body: unknown = text === '' ? null : parseOrKeep(text, request.numbers);
  if (!response.ok)
    throw new RemoteHttpError(
      response.status,
      `${request.method} ${new URL(url).pathname} → ${response.status}: ${describeFailure(body)}`,
      response.headers.get('retry-after'),
    );
  return body;
}

/** Error pages are not always JSON (a proxy's 502); keep their text for the message. */
function parseOrKeep(text: string, numbers: JsonRequest['numbers']): unknown {
  try {
    return numbers === 'text' ? parseJsonKeepingNumbers(text) : JSON.parse(text);
  } catch {
    return text;
  }
}

/** What JSON.parse hands a reviver besides the value (TC39 "JSON.parse source text access", Node ≥ 21). */
type ReviverContext = { source?: string } | undefined;

/**
 * Parses a JSON text with every number given as its literal text (`19.99` becomes `'19.99'`), for
 * money and ids that must never pass through a binary float.
 */
export function parseJsonKeepingNumbers(text: string): unknown {
  const keepSource = (_key: string, value: unknown, context?: ReviverContext) =>
    typeof value === 'number' && context?.source !== undefined ? context.source : value;
  return JSON.parse(text, keepSource as (key: string, value: unknown) => unknown);
}
