import { z } from 'zod';
import { formatAmount, formatDecimal } from '@procuregraph/platform/money';
import type { InvoiceStatus, PaymentMethod, PaymentStatus } from '../db/tables.ts';
import type { InvoiceLineToMatch } from '../matching/match-context.ts';

/*
 * The one place that translates between canonical invoices and payments and the vendor
 * platform's portal shapes (camelCase, `vinv_…` ids, lower-case enums, Money as { value, currency }).
 */

const portalDecimal = z.union([z.string().trim().regex(/^-?\d+(\.\d+)?$/), z.number().finite().transform((value) => String(value))]);
const portalMoney = z.object({ value: portalDecimal, currency: z.string().trim().toUpperCase() }).loose();

const portalInvoice = z
  .object({
    id: z.string().min(1),
    registrationId: z.string().min(1),
    invoiceNumber: z.string().trim().min(1),
    invoiceDate: z.string().date(),
    purchaseOrderExternalId: z.string().nullish(),
    currency: z.string().trim().toUpperCase().default('USD'),
    lines: z.array(
      z
        .object({
          lineNo: z.number().int().positive(),
          poLineNo: z.number().int().positive().nullish(),
          sku: z.string().nullish(),
          qty: portalDecimal,
          unitPrice: portalMoney,
        })
        .loose(),
    ),
  })
  .loose();

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
 * Reads the invoice of an `invoice.submitted` event (`data.invoice`). A line that names no PO
 * line bills the line at its own position, which the match then reports if the order has none.
 */
export function invoiceFromPortal(data: unknown): PortalInvoiceSubmission {
  const invoice = z.object({ invoice: portalInvoice }).loose().parse(data).invoice;
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
  paymentNumber: string;
  amount: string;
  currency: string;
  method: PaymentMethod;
  status: PaymentStatus;
  statusChangedAt: Date;
}

/** The body of `PUT /api/v1/portal/payments/{externalId}`. */
export function portalPaymentBody(payment: PaymentForPortal) {
  return {
    registrationId: payment.registrationId,
    invoiceNumber: payment.invoiceNumber,
    paymentNumber: payment.paymentNumber,
    amount: { value: formatAmount(payment.amount, payment.currency), currency: payment.currency },
    method: payment.method.toLowerCase(),
    status: payment.status.toLowerCase(),
    statusChangedAt: payment.statusChangedAt.toISOString(),
  };
}

/** What the supplier is told: matching and its exceptions are internal, to the supplier the invoice is received. */
const PORTAL_INVOICE_STATUS: Readonly<Record<InvoiceStatus, string>> = {
  RECEIVED: 'received',
  MATCHED: 'received',
  EXCEPTION: 'received',
  APPROVED: 'approved',
  REJECTED: 'rejected',
  PAID: 'paid',
};

/** The body of `PUT /api/v1/portal/invoices/{id}/status`. */
export function portalInvoiceStatusBody(status: InvoiceStatus, reason: string | null) {
  return { status: PORTAL_INVOICE_STATUS[status], reason };
}

export const portalEvent = z.object({ id: z.string().min(1), type: z.string(), createdAt: z.iso.datetime({ offset: true }), data: z.unknown() }).loose();
export type PortalEvent = z.infer<typeof portalEvent>;

export const portalEventPage = z
  .object({ data: z.array(portalEvent.extend({ cursor: z.string() })), hasMore: z.boolean(), nextCursor: z.string().nullable() })
  .loose();
