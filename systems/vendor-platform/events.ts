import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { appendEvent, readEventsAfter, HttpError, parseInput, readIntegerParam, readStringParam } from '@procuregraph/reference-http';
import type { VendorContext } from './context.ts';
import { VendorErrorCode } from './problem-details.ts';
import type { VendorEvent, VendorEventType } from './state.ts';

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('hex')}`;
}

/** Appends an event to the feed and hands it to the webhook dispatcher. */
export function publish(context: VendorContext, type: VendorEventType, data: unknown): VendorEvent {
  const event = appendEvent(context.state.events, (sequence) => ({
    id: newId('evt'),
    sequence,
    type,
    createdAt: new Date().toISOString(),
    data,
  }));
  context.changed();
  context.webhooks.dispatch(event);
  return event;
}

const webhookTarget = z.object({ url: z.url().nullable() }).strict();

// Cursors look opaque to clients; inside they are the feed sequence.
function decodeAfter(after: string | undefined): number {
  if (after === undefined || after === '') return 0;
  const match = /^cur_(\d+)$/.exec(after);
  if (!match) throw new HttpError(400, VendorErrorCode.invalidRequest, 'The after cursor is not valid.');
  return Number(match[1]);
}

function encodeCursor(sequence: number): string {
  return `cur_${sequence}`;
}

/**
 * `GET /api/v1/events?after=&limit=`: the same events as the webhooks, oldest first, for catching
 * up on missed deliveries. Each event carries its `cursor`; `nextCursor` is the last one returned
 * (or the one given, when there is nothing new), to pass back as `after`.
 */
export function eventsRouter(context: VendorContext): Router {
  const router = Router();
  router.get('/api/v1/events', (request, response) => {
    const after = decodeAfter(readStringParam(request.query.after, 'after', VendorErrorCode.invalidRequest));
    const limit = readIntegerParam(request.query.limit, 'limit', { min: 1, max: 200, fallback: 50 }, VendorErrorCode.invalidRequest);
    const { events, hasMore } = readEventsAfter(context.state.events, (event) => event.sequence, after, limit);
    const last = events.at(-1);
    response.json({
      data: events.map(({ sequence, ...event }) => ({ ...event, cursor: encodeCursor(sequence) })),
      hasMore,
      nextCursor: encodeCursor(last ? last.sequence : after),
    });
  });
  router.get('/admin/webhook-deliveries', (_request, response) => {
    response.json({ data: context.webhooks.deliveries() });
  });
  // Points deliveries elsewhere (an address nobody answers, to make every delivery fail); null restores the configured one.
  router.post('/admin/webhook-target', (request, response) => {
    const { url } = parseInput(webhookTarget, request.body ?? {}, VendorErrorCode.invalidRequest);
    context.webhooks.redirect(url);
    response.json({ url });
  });
  return router;
}
