import { z } from 'zod';
import { parseJsonKeepingNumbers } from '@procuregraph/platform/http';
import { verifyWebhook, type WebhookSource } from '@procuregraph/platform/inbound';
import { ErpResourceError } from './resources.ts';

/** Where the ERP pushes its business events: `POST /webhooks/erp`. */
export const ERP_SYSTEM = 'erp';

/** The business events Procuregraph follows, by their Fusion names. */
export const erpEventTypes = {
  purchaseOrderIssued: 'PurchaseOrderIssued',
  purchaseOrderChanged: 'PurchaseOrderChanged',
  receiptRecorded: 'ReceiptRecorded',
  paymentStatusChanged: 'PaymentStatusChanged',
} as const;

/**
 * One item of the ERP's `businessEvents` feed: the envelope Fusion puts around a resource that
 * changed. The resource is left unread here, so one unreadable resource can be passed over without
 * losing the rest of the page.
 */
export interface BusinessEvent {
  /** The same event read twice carries the same id. */
  eventId: string;
  /** The feed's position; also orders the versions of one resource. */
  sequence: number;
  eventType: string;
  /** The id of the resource the event is about. */
  resourceId: string;
  occurredAt: Date;
  resource: unknown;
}

export interface BusinessEventPage {
  items: BusinessEvent[];
  hasMore: boolean;
}

const businessEvent = z
  .object({
    EventId: z.string().trim().min(1),
    Sequence: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]),
    EventType: z.string().trim(),
    ResourceId: z.union([z.number().int(), z.string().min(1)]).transform(String),
    OccurredAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
    Resource: z.unknown(),
  })
  .loose();

const businessEventPage = z.object({ items: z.array(businessEvent), hasMore: z.boolean().default(false) }).loose();

function fromWire(item: z.output<typeof businessEvent>): BusinessEvent {
  return {
    eventId: item.EventId,
    sequence: item.Sequence,
    eventType: item.EventType,
    resourceId: item.ResourceId,
    occurredAt: item.OccurredAt,
    resource: item.Resource,
  };
}

export function readBusinessEventPage(body: unknown): BusinessEventPage {
  const result = businessEventPage.safeParse(body);
  if (!result.success) throw new ErpResourceError(`Unreadable ERP business events page: ${z.prettifyError(result.error)}`);
  return { hasMore: result.data.hasMore, items: result.data.items.map(fromWire) };
}

/** A business event the ERP pushed: routed by its type, deduplicated by its id, applied as the feed's item. */
export interface PushedBusinessEvent {
  readonly id: string;
  readonly type: string;
  readonly event: BusinessEvent;
}

function readPushedEvent(body: unknown): PushedBusinessEvent {
  const event = fromWire(businessEvent.parse(body));
  return { id: event.eventId, type: event.eventType, event };
}

/**
 * The ERP pushes each business event as its feed serves it, signed (HMAC-SHA256 over timestamp and
 * body, as the vendor platform signs); only a verified body is read, its amounts kept as digits.
 */
export function erpWebhooks(secret: string): WebhookSource<PushedBusinessEvent> {
  return {
    system: ERP_SYSTEM,
    verify: (request) => verifyWebhook(request, { secret, parse: readPushedEvent, readJson: parseJsonKeepingNumbers }),
  };
}
