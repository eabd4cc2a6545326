import type { PortalInvoice, PortalInvoiceStatusPut, PortalPaymentPut } from '@procuregraph/connector-vendor-platform';
import { formatAmount, formatDecimal } from '@procuregraph/platform/money';
import type { InvoiceStatus, PaymentMethod, PaymentStatus } from './db/tables.ts';
import type { InvoiceLineToMatch } from './matching/match-context.ts';

/** Between canonical invoices and payments and the vendor platform's portal resources. Pure: no I/O. */

/** A supplier's invoice as submitted on the portal, in canonical terms; the supplier is still the platform's registration. */
export interface PortalInvoiceSubmission {
  portalInvoiceId: string;
  registrationId: string;
  invoiceNumber: string;
  invoiceDate: string;
  /** The order as published to the portal: the portal keys it by our canonical id. */
  purchaseOrderId: string | null;
  currency: string;
  lines: InvoiceLineToMatch[];
}

/**
 * The invoice of an `invoice.submitted` event in canonical terms. A line that names no PO line
 * bills the line at its own position, which the match then reports if the order has none.
 */
export function invoiceFromPortal(invoice: PortalInvoice): PortalInvoiceSubmission {
  return {
    portalInvoiceId: invoice.id,
    registrationId: invoice.registrationId,
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: invoice.invoiceDate,
    purchaseOrderId: invoice.purchaseOrderExternalId ?? null,
    currency: invoice.currency,
    lines: invoice.lines.map((line) => ({
      lineNumber: line.poLineNo ?? line.lineNo,
      itemNumber: line.sku?.trim() ?? '',
      quantity: formatDecimal(line.qty),
      unitPrice: formatDecimal(line.unitPrice.value),
    })),
  };
}

export interface PaymentForPortal {
  registrationId: string;
  invoiceNumber: string;
  /** Every invoice the payment pays, `invoiceNumber` first. */
  invoiceNumbers: string[];
  paymentNumber: string;
  amount: string;
  currency: string;
  method: PaymentMethod;
  status: PaymentStatus;
  statusChangedAt: Date;
}

/** The body of `PUT /api/v1/portal/payments/{externalId}`. */
export function portalPaymentBody(payment: PaymentForPortal): PortalPaymentPut {
  return {
    registrationId: payment.registrationId,
    invoiceNumber: payment.invoiceNumber,
    invoiceNumbers: payment.invoiceNumbers,
    paymentNumber: payment.paymentNumber,
    amount: { value: formatAmount(payment.amount, payment.currency), currency: payment.currency },
    method: payment.method.toLowerCase(),
    status: payment.status.toLowerCase(),
    statusChangedAt: payment.statusChangedAt.toISOString(),
  };
}

/** What the supplier is told: matching and its exceptions are internal, to the supplier the invoice is received. */
const PORTAL_INVOICE_STATUS: Readonly<Record<InvoiceStatus, PortalInvoiceStatusPut['status']>> = {
  RECEIVED: 'received',
  MATCHED: 'received',
  EXCEPTION: 'received',
  APPROVED: 'approved',
  REJECTED: 'rejected',
  PAID: 'paid',
};

/** The body of `PUT /api/v1/portal/invoices/{id}/status`. */
export function portalInvoiceStatusBody(status: InvoiceStatus, reason: string | null): PortalInvoiceStatusPut {
  return { status: PORTAL_INVOICE_STATUS[status], reason };
}
