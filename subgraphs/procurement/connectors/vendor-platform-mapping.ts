import { z } from 'zod';
import { formatAmount, formatDecimal } from '@procuregraph/platform/money';
import type { PurchaseOrderStatus } from '../db/tables.ts';

/** Between the canonical order and the vendor platform's portal order (camelCase, lower-case enums, Money objects). Pure. */

export interface PortalOrderRequest {
  registrationId: string;
  poNumber: string;
  orderDate: string;
  currency: string;
  shipTo: string | null;
  status: 'open' | 'closed' | 'cancelled';
  lines: { lineNo: number; sku: string | null; description: string; qty: string; uom: string; unitPrice: { value: string; currency: string } }[];
}

export interface CanonicalOrderForPortal {
  number: string;
  status: PurchaseOrderStatus;
  orderDate: string;
  currency: string;
  shipTo: string | null;
  registrationId: string;
  lines: readonly { lineNumber: number; itemNumber: string; description: string; quantity: string; unitOfMeasure: string; unitPrice: string }[];
}

/** The portal knows open, closed and cancelled; receiving is the buyer's business, the order stays open for the supplier. */
function portalStatus(status: PurchaseOrderStatus): PortalOrderRequest['status'] {
  if (status === 'CLOSED') return 'closed';
  if (status === 'CANCELLED') return 'cancelled';
  return 'open';
}

export function toPortalOrder(order: CanonicalOrderForPortal): PortalOrderRequest {
  return {
    registrationId: order.registrationId,
    poNumber: order.number,
    orderDate: order.orderDate,
    currency: order.currency,
    shipTo: order.shipTo,
    status: portalStatus(order.status),
    lines: order.lines.map((line) => ({
      lineNo: line.lineNumber,
      sku: line.itemNumber === '' ? null : line.itemNumber,
      description: line.description,
      qty: formatDecimal(line.quantity),
      uom: line.unitOfMeasure,
      unitPrice: { value: formatAmount(line.unitPrice, order.currency), currency: order.currency },
    })),
  };
}

/** A supplier's answer to a published order, from the webhook or the events feed. */
export interface Acknowledgement {
  eventId: string;
  purchaseOrderId: string;
  accepted: boolean;
  respondedAt: Date;
}

const acknowledgedEvent = z.object({
  id: z.string().min(1),
  type: z.literal('purchase_order.acknowledged'),
  createdAt: z.string(),
  data: z.object({
    purchaseOrder: z.object({ externalId: z.string().min(1) }),
    acknowledgement: z.object({ status: z.enum(['pending', 'accepted', 'rejected']), respondedAt: z.string().nullish() }),
  }),
});

/** Any vendor platform event: only the ones about orders concern procurement. */
export const vendorEventEnvelope = z.object({ id: z.string().min(1), type: z.string(), createdAt: z.string(), data: z.unknown() });
export type VendorEvent = z.output<typeof vendorEventEnvelope>;

/** Null for an event that is not an order acknowledgement; throws for a malformed one. */
export function acknowledgementOf(event: VendorEvent): Acknowledgement | null {
  if (event.type !== 'purchase_order.acknowledged') return null;
  const parsed = acknowledgedEvent.parse(event);
  const respondedAt = new Date(parsed.data.acknowledgement.respondedAt ?? parsed.createdAt);
  return {
    eventId: parsed.id,
    purchaseOrderId: parsed.data.purchaseOrder.externalId,
    accepted: parsed.data.acknowledgement.status === 'accepted',
    respondedAt,
  };
}

export const vendorEventsPage = z.object({
  data: z.array(vendorEventEnvelope.extend({ cursor: z.string().nullish() })),
  hasMore: z.boolean().default(false),
  nextCursor: z.string().nullish(),
});
