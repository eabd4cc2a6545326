import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { appendEvent, readEventsAfter, HttpError, readIntegerParam, readStringParam } from '@procuregraph/reference-http';
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
  context.webhooks.dispatch({
    id: event.id,
    type: event.type,
    body: JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data }),
  });
  return event;
}

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
  return router;
}
