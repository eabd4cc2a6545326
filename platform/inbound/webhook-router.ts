import express, { type Router } from 'express';
import type { Logger } from '../logging.ts';
import { describeError, isCircuitOpen, RemoteHttpError } from '../resilience/failures.ts';
import type { WebhookRequest, WebhookVerification } from './signature.ts';

/** What the router needs of any system's events: an id to deduplicate by and a type to route by. */
export interface WebhookEvent {
  readonly id: string;
  readonly type: string;
}

/** A system that sends webhooks, as its connector reads them: authenticated first, then parsed. */
export interface WebhookSource<Event extends WebhookEvent> {
  /** The path segment: deliveries arrive at `POST /webhooks/<system>`. */
  readonly system: string;
  verify(request: WebhookRequest): WebhookVerification<Event>;
}

export interface WebhookAnswer {
  status: number;
  body: Readonly<Record<string, unknown>>;
}

/** A subgraph's declaration: the event types of one system it handles, and how. */
export interface WebhookSubscription {
  readonly source: WebhookSource<WebhookEvent>;
  readonly eventTypes: readonly string[];
  handle(event: WebhookEvent): Promise<WebhookAnswer>;
}

/** An event that is authentic but cannot be what its type says: the sender is told, and not asked to retry. */
export class MalformedWebhookError extends Error {
  override readonly name = 'MalformedWebhookError';
}

/** Declares the event types a subgraph handles from one source; `handle` sees only events that source read. */
export function subscribeToWebhooks<Event extends WebhookEvent>(
  source: WebhookSource<Event>,
  eventTypes: readonly string[],
  handle: (event: Event) => Promise<WebhookAnswer>,
): WebhookSubscription {
  return { source, eventTypes, handle: (event) => handle(event as Event) };
}

/** One source per system: events of one system are read one way, whichever subscription handles them. */
function sourcesBySystem(subscriptions: readonly WebhookSubscription[]): Map<string, WebhookSource<WebhookEvent>> {
  const sources = new Map<string, WebhookSource<WebhookEvent>>();
  for (const { source } of subscriptions) {
    const known = sources.get(source.system);
    if (known && known !== source)
      throw new Error(`Two webhook sources for ${source.system}: subscriptions to one system must share its source`);
    sources.set(source.system, source);
  }
  return sources;
}

function failureAnswer(error: unknown): WebhookAnswer {
  if (error instanceof MalformedWebhookError) return { status: 400, body: { error: 'MALFORMED_BODY', message: error.message } };
  // A backing system that failed meanwhile is a bad gateway, and one whose circuit is open makes
  // us unavailable for now: either way the sender delivers again.
  if (isCircuitOpen(error)) return { status: 503, body: { error: 'NOT_PROCESSED' } };
  return { status: error instanceof RemoteHttpError ? 502 : 500, body: { error: 'NOT_PROCESSED' } };
}

/**
 * `POST /webhooks/<system>` for every system a subgraph subscribes to. The signature is checked
 * over the raw bytes before anything is read (401, or 400 for an unreadable body); the event goes
 * to the subscription that declared its type, and a type nobody here handles is acknowledged (202)
 * so the sender stops retrying it. A handler that fails answers 5xx, so the sender delivers again;
 * handlers deduplicate by event id, so a redelivery applies nothing twice.
 */
export function webhookRouter(subscriptions: readonly WebhookSubscription[], logger: Logger): Router {
  const sources = sourcesBySystem(subscriptions);
  const log = logger.child({ component: 'webhook-router' });
  const router = express.Router();
  router.post('/webhooks/:system', express.raw({ type: () => true, limit: '1mb' }), async (request, response) => {
    const system = request.params.system;
    const source = sources.get(system);
    if (!source) {
      response.status(404).json({ error: 'UNKNOWN_SYSTEM' });
      return;
    }
    const verified = source.verify({ headers: request.headers, rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0) });
    if (!verified.ok) {
      response.status(verified.status).json({ error: verified.reason });
      return;
    }
    const event = verified.body;
    const subscription = subscriptions.find((candidate) => candidate.source === source && candidate.eventTypes.includes(event.type));
    if (!subscription) {
      response.status(202).json({ outcome: 'IGNORED' });
      return;
    }
    const answer = await subscription.handle(event).catch((error: unknown) => {
      log.warn(
        { system, eventId: event.id, type: event.type, error: describeError(error) },
        'webhook not processed; the sender will deliver it again',
      );
      return failureAnswer(error);
    });
    response.status(answer.status).json(answer.body);
  });
  return router;
}
