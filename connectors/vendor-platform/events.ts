import { z } from 'zod';
import { verifyWebhook, type WebhookSource } from '@procuregraph/platform/inbound';

/** Where webhooks from the platform arrive: `POST /webhooks/vendor-platform`. */
export const VENDOR_PLATFORM_SYSTEM = 'vendor-platform';

/** The platform's event types: the same events arrive as webhooks and on the events feed. */
export const vendorEventTypes = {
  registrationSubmitted: 'registration.submitted',
  registrationApproved: 'registration.approved',
  registrationRejected: 'registration.rejected',
  purchaseOrderAcknowledged: 'purchase_order.acknowledged',
  invoiceSubmitted: 'invoice.submitted',
} as const;

export type VendorEventType = (typeof vendorEventTypes)[keyof typeof vendorEventTypes];

/** The one envelope of every platform event, in a webhook body or a feed page; `data` is read by type. */
const vendorEvent = z
  .object({ id: z.string().min(1), type: z.string().min(1), createdAt: z.iso.datetime({ offset: true }), data: z.unknown() })
  .loose();

export interface VendorEvent {
  id: string;
  type: string;
  createdAt: string;
  data: unknown;
}

export function readVendorEvent(body: unknown): VendorEvent {
  const { id, type, createdAt, data } = vendorEvent.parse(body);
  return { id, type, createdAt, data };
}

export interface VendorEventPage {
  items: VendorEvent[];
  /** Where the next read starts: after the last item, or where this read started if it found none. */
  cursor: string | null;
}

const eventPage = z
  .object({
    data: z.array(vendorEvent.extend({ cursor: z.string().nullish() })),
    hasMore: z.boolean().default(false),
    nextCursor: z.string().nullish(),
  })
  .loose();

export function readVendorEventPage(body: unknown, after: string | null): VendorEventPage {
  const page = eventPage.parse(body);
  return { items: page.data.map(readVendorEvent), cursor: page.nextCursor ?? page.data.at(-1)?.cursor ?? after };
}

/** The platform signs each delivery (HMAC-SHA256 over timestamp and body); only a verified body is read. */
export function vendorPlatformWebhooks(secret: string): WebhookSource<VendorEvent> {
  return { system: VENDOR_PLATFORM_SYSTEM, verify: (request) => verifyWebhook(request, { secret, parse: readVendorEvent }) };
}
