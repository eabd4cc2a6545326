import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { appendEvent, readEventsAfter, readIntegerParam } from '@procuregraph/reference-http';
import type { ErpContext } from './context.ts';
import { ErpErrorCode } from './fusion-errors.ts';
import { readPageRequest } from './rest/collection.ts';
import { BASE_PATH } from './rest/resource-reader.ts';
import type { BusinessEvent, BusinessEventType } from './state.ts';

export interface EventInput {
  type: BusinessEventType;
  resourceName: string;
  resourceId: number;
  resource: unknown;
  previousStatus?: string | null;
}

/**
 * Appends a business event and pushes it to the event subscription's endpoint, as Fusion's
 * business event subscriptions do; every change made through the API or the admin endpoints
 * calls this. The pushed body is the event exactly as the feed serves it.
 */
export function recordEvent(context: ErpContext, input: EventInput): BusinessEvent {
  const event = appendEvent(context.state.events, (sequence) => ({
    EventId: randomUUID(),
    Sequence: sequence,
    EventType: input.type,
    OccurredAt: new Date().toISOString(),
    ResourceName: input.resourceName,
    ResourceId: input.resourceId,
    PreviousStatus: input.previousStatus ?? null,
    Resource: input.resource,
  }));
  context.webhooks.dispatch({ id: event.EventId, type: event.EventType, body: JSON.stringify(event) });
  return event;
}

/**
 * `GET .../businessEvents?after=<Sequence>&limit=`: the events after a cursor, oldest first, in
 * the ERP's collection envelope. The cursor is the `Sequence` of the last event processed
 * (0 or absent for the beginning).
 */
export function businessEventsRouter(context: ErpContext): Router {
  const router = Router();
  router.get(`${BASE_PATH}/businessEvents`, (request, response) => {
    const after = readIntegerParam(
      request.query.after,
      'after',
      { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 },
      ErpErrorCode.badRequest,
    );
    const { limit } = readPageRequest(request.query);
    const { events, hasMore } = readEventsAfter(context.state.events, (event) => event.Sequence, after, limit);
    response.json({ items: events, count: events.length, hasMore, limit });
  });
  return router;
}
