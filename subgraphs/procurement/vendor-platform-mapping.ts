import { vendorEventTypes, type VendorEvent, readOrderAcknowledgement, type PortalOrderPut } from '@procuregraph/connector-vendor-platform';
import { formatAmount, formatDecimal } from '@procuregraph/platform/money';
import type { PurchaseOrderStatus } from './db/tables.ts';

/** Between the canonical order and the vendor platform's portal order. Pure. */

export interface CanonicalOrderForPortal {
  number: string;
  status: PurchaseOrderStatus;
  orderDate: string;
  currency: string;
  shipTo: string | null;
  registrationId: string;
  lines: readonly {
    lineNumber: number;
    itemNumber: string;
    description: string;
    quantity: string;
    unitOfMeasure: string;
    unitPrice: string;
  }[];
}

/** The portal knows open, closed and cancelled; receiving is the buyer's business, the order stays open for the supplier. */
function portalStatus(status: PurchaseOrderStatus): PortalOrderPut['status'] {
  if (status === 'CLOSED') return 'closed';
  if (status === 'CANCELLED') return 'cancelled';
  return 'open';
}

export function toPortalOrder(order: CanonicalOrderForPortal): PortalOrderPut {
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

/** Null for an event that is not an order acknowledgement; throws for a malformed one. */
export function acknowledgementOf(event: VendorEvent): Acknowledgement | null {
  if (event.type !== vendorEventTypes.purchaseOrderAcknowledged) return null;
  const data = readOrderAcknowledgement(event.data);
  return {
    eventId: event.id,
    purchaseOrderId: data.purchaseOrder.externalId,
    accepted: data.acknowledgement.status === 'accepted',
    respondedAt: new Date(data.acknowledgement.respondedAt ?? event.createdAt),
  };
}
