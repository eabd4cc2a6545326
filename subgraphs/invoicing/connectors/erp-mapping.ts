import { z } from 'zod';
import { formatAmount, formatDecimal } from '@procuregraph/platform/money';
import type { PaymentMethod, PaymentStatus } from '../db/tables.ts';

/*
 * The one place that translates between canonical invoices and payments and the ERP's payables
 * resources (Fusion shapes: PascalCase, numeric ids, decimal strings, `4712-12-31` for "never").
 */

export interface InvoiceForErp {
  invoiceNumber: string;
  invoiceDate: string;
  currency: string;
  total: string;
  supplierNumber: string;
  /** The order's number in the ERP; null when the invoice bills no known order. */
  purchaseOrderNumber: string | null;
  lines: readonly { lineNumber: number; itemNumber: string; quantity: string; unitPrice: string; amount: string }[];
}

/** The body of `POST /invoices`: lines must add up to the amount, which they do since the total is their sum. */
export function erpInvoiceBody(invoice: InvoiceForErp) {
  return {
    InvoiceNumber: invoice.invoiceNumber,
    InvoiceAmount: formatAmount(invoice.total, invoice.currency),
    InvoiceDate: invoice.invoiceDate,
    InvoiceCurrency: invoice.currency,
    SupplierNumber: invoice.supplierNumber,
    invoiceLines: invoice.lines.map((line, index) => ({
      LineNumber: index + 1,
      LineAmount: formatAmount(line.amount, invoice.currency),
      Item: line.itemNumber,
      Quantity: formatDecimal(line.quantity),
      UnitPrice: formatDecimal(line.unitPrice),
      PurchaseOrderNumber: invoice.purchaseOrderNumber,
      PurchaseOrderLineNumber: invoice.purchaseOrderNumber === null ? null : line.lineNumber,
    })),
  };
}

/** ERP ids are numbers on the wire; some gateways hand them over as strings. */
const erpId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);

/** Decimal strings; a JSON number arrives as its literal text too (the connector parses numbers as text), never as a float. */
const erpDecimal = z.string().trim().regex(/^-?\d+(\.\d+)?$/);

export const erpCreatedInvoice = z.object({ InvoiceId: erpId }).loose();

const PAYMENT_STATUS: Readonly<Record<string, PaymentStatus>> = {
  issued: 'SCHEDULED',
  negotiable: 'SENT',
  cleared: 'CLEARED',
  spoiled: 'FAILED',
  voided: 'VOIDED',
};

const PAYMENT_METHOD: Readonly<Record<string, PaymentMethod>> = { EFT: 'ACH', CHECK: 'CHECK', WIRE: 'WIRE', CARD: 'VIRTUAL_CARD' };

/** Fusion writes statuses in title case; casing and stray blanks are not meaning. */
const paymentStatus = z
  .string()
  .transform((value) => PAYMENT_STATUS[value.trim().toLowerCase()])
  .pipe(z.enum(['SCHEDULED', 'SENT', 'CLEARED', 'FAILED', 'VOIDED']));

/** One invoice a payment pays and how much of it; a payment of one invoice may leave the amount out. */
const relatedInvoice = z.object({ InvoiceId: erpId, AmountPaid: erpDecimal.optional() }).loose();

const erpPayment = z
  .object({
    PaymentId: erpId,
    PaymentNumber: z.union([z.string(), z.number()]).transform(String),
    PaymentAmount: erpDecimal,
    PaymentCurrency: z.string().trim().toUpperCase().default('USD'),
    PaymentDate: z.string().date().nullish(),
    PaymentStatus: paymentStatus,
    PaymentMethodCode: z
      .string()
      .nullish()
      .transform((code) => PAYMENT_METHOD[(code ?? 'EFT').trim().toUpperCase()] ?? 'ACH'),
    relatedInvoices: z
      .union([z.array(relatedInvoice), z.object({ items: z.array(relatedInvoice) }).loose()])
      .transform((related) => (Array.isArray(related) ? related : related.items)),
  })
  .loose()
  .refine((payment) => payment.relatedInvoices.length <= 1 || payment.relatedInvoices.every((related) => related.AmountPaid !== undefined), {
    message: 'A payment of several invoices must say what it pays on each (AmountPaid)',
  });

/** A payment as the ERP reports it, in canonical terms. */
export interface ErpPaymentSnapshot {
  erpPaymentId: string;
  paymentNumber: string;
  amount: string;
  currency: string;
  status: PaymentStatus;
  method: PaymentMethod;
  scheduledFor: string | null;
  /** Each invoice it pays (ERP InvoiceId) with the amount applied to it. */
  relatedInvoices: { erpInvoiceId: string; amountPaid: string }[];
}

/** Reads a `payablesPayments` resource (as a business event carries it); throws on one that cannot be a payment. */
export function paymentFromErp(resource: unknown): ErpPaymentSnapshot {
  const payment = erpPayment.parse(resource);
  return {
    erpPaymentId: payment.PaymentId,
    paymentNumber: payment.PaymentNumber,
    amount: payment.PaymentAmount,
    currency: payment.PaymentCurrency,
    status: payment.PaymentStatus,
    method: payment.PaymentMethodCode,
    scheduledFor: payment.PaymentDate ?? null,
    relatedInvoices: payment.relatedInvoices.map((related) => ({ erpInvoiceId: related.InvoiceId, amountPaid: related.AmountPaid ?? payment.PaymentAmount })),
  };
}

export const erpBusinessEvent = z
  .object({
    EventId: z.string().min(1),
    Sequence: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]),
    EventType: z.string(),
    ResourceId: erpId,
    OccurredAt: z.iso.datetime({ offset: true }),
    Resource: z.unknown(),
  })
  .loose();

export type ErpBusinessEvent = z.infer<typeof erpBusinessEvent>;

export const erpEventPage = z.object({ items: z.array(erpBusinessEvent), hasMore: z.boolean() }).loose();
