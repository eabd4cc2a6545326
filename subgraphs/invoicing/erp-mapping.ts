import type { InvoiceCreate, Payment } from '@procuregraph/connector-erp';
import { decimal, formatAmount, formatDecimal } from '@procuregraph/platform/money';
import type { PaymentMethod, PaymentStatus } from './db/tables.ts';

/** Between canonical invoices and payments and the ERP's payables resources. Pure: no I/O. */

export interface InvoiceForErp {
  invoiceNumber: string;
  invoiceDate: string;
  currency: string;
  total: string;
  taxAmount: string;
  freightAmount: string;
  supplierNumber: string;
  /** The order's number in the ERP; null when the invoice bills no known order. */
  purchaseOrderNumber: string | null;
  lines: readonly { lineNumber: number; itemNumber: string; quantity: string; unitPrice: string; amount: string }[];
}

/** A Freight or Tax line for a charge the invoice carries; none for a charge of 0. */
function chargeLines(invoice: InvoiceForErp): InvoiceCreate['invoiceLines'] {
  const charges = [
    { LineType: 'Freight' as const, amount: invoice.freightAmount },
    { LineType: 'Tax' as const, amount: invoice.taxAmount },
  ].filter((charge) => !decimal(charge.amount).isZero());
  return charges.map((charge, index) => ({
    LineNumber: invoice.lines.length + index + 1,
    LineType: charge.LineType,
    LineAmount: formatAmount(charge.amount, invoice.currency),
    Item: null,
    Quantity: null,
    UnitPrice: null,
    PurchaseOrderNumber: null,
    PurchaseOrderLineNumber: null,
  }));
}

/** The body of `POST /invoices`: lines must add up to the amount, which they do since the total is the goods lines plus the tax and freight lines. */
export function erpInvoiceBody(invoice: InvoiceForErp): InvoiceCreate {
  return {
    InvoiceNumber: invoice.invoiceNumber,
    InvoiceAmount: formatAmount(invoice.total, invoice.currency),
    InvoiceDate: invoice.invoiceDate,
    InvoiceCurrency: invoice.currency,
    SupplierNumber: invoice.supplierNumber,
    invoiceLines: invoice.lines
      .map((line, index): InvoiceCreate['invoiceLines'][number] => ({
        LineNumber: index + 1,
        LineAmount: formatAmount(line.amount, invoice.currency),
        Item: line.itemNumber,
        Quantity: formatDecimal(line.quantity),
        UnitPrice: formatDecimal(line.unitPrice),
        PurchaseOrderNumber: invoice.purchaseOrderNumber,
        PurchaseOrderLineNumber: invoice.purchaseOrderNumber === null ? null : line.lineNumber,
      }))
      .concat(chargeLines(invoice)),
  };
}

export interface CreditMemoForErp {
  creditMemoNumber: string;
  creditMemoDate: string;
  currency: string;
  /** The credit, positive as the canonical record keeps it. */
  amount: string;
  supplierNumber: string;
  /** The number of the invoice it credits, as that invoice went to the ERP. */
  invoiceNumber: string;
}

/** The body of `POST /invoices` for a credit memo: one line of the negative credit, naming the invoice it credits. */
export function erpCreditMemoBody(creditMemo: CreditMemoForErp): InvoiceCreate {
  const credit = formatAmount(decimal(creditMemo.amount).negated(), creditMemo.currency);
  return {
    InvoiceNumber: creditMemo.creditMemoNumber,
    InvoiceType: 'Credit memo',
    InvoiceAmount: credit,
    InvoiceDate: creditMemo.creditMemoDate,
    InvoiceCurrency: creditMemo.currency,
    SupplierNumber: creditMemo.supplierNumber,
    invoiceLines: [
      {
        LineNumber: 1,
        LineAmount: credit,
        Item: null,
        Quantity: null,
        UnitPrice: null,
        PurchaseOrderNumber: null,
        PurchaseOrderLineNumber: null,
        CorrectedInvoiceNumber: creditMemo.invoiceNumber,
      },
    ],
  };
}

const PAYMENT_STATUS: Readonly<Record<string, PaymentStatus>> = {
  issued: 'SCHEDULED',
  negotiable: 'SENT',
  cleared: 'CLEARED',
  spoiled: 'FAILED',
  voided: 'VOIDED',
};

const PAYMENT_METHOD: Readonly<Record<string, PaymentMethod>> = { EFT: 'ACH', CHECK: 'CHECK', WIRE: 'WIRE', CARD: 'VIRTUAL_CARD' };

/** A payment as the ERP reports it, in canonical terms. */
export interface ErpPaymentSnapshot {
  erpPaymentId: string;
  paymentNumber: string;
  amount: string;
  currency: string;
  status: PaymentStatus;
  method: PaymentMethod;
  scheduledFor: string | null;
  /** Each invoice it pays (ERP InvoiceId) with the amount applied to it, credits included. */
  relatedInvoices: { erpInvoiceId: string; amountPaid: string }[];
  /** Each credit memo it applies (ERP InvoiceId) with the credit, positive; the amount is the invoices' less these. */
  appliedCredits: { erpCreditMemoId: string; amount: string }[];
}

const CREDIT_MEMO = 'credit memo';

/** A payment in canonical terms; throws on a status the canonical model has no name for. */
export function paymentFromErp(payment: Payment): ErpPaymentSnapshot {
  const status = PAYMENT_STATUS[payment.PaymentStatus];
  if (!status) throw new Error(`Unknown ERP PaymentStatus ${payment.PaymentStatus}`);
  return {
    erpPaymentId: payment.PaymentId,
    paymentNumber: payment.PaymentNumber,
    amount: payment.PaymentAmount,
    currency: payment.PaymentCurrency,
    status,
    method: PAYMENT_METHOD[payment.PaymentMethodCode ?? 'EFT'] ?? 'ACH',
    scheduledFor: payment.PaymentDate ?? null,
    relatedInvoices: payment.relatedInvoices
      .filter((related) => related.InvoiceType !== CREDIT_MEMO)
      .map((related) => ({ erpInvoiceId: related.InvoiceId, amountPaid: related.AmountPaid ?? payment.PaymentAmount })),
    appliedCredits: payment.relatedInvoices
      .filter((related) => related.InvoiceType === CREDIT_MEMO)
      .map((related) => ({
        erpCreditMemoId: related.InvoiceId,
        amount: formatDecimal(decimal(related.AmountPaid ?? payment.PaymentAmount).negated()),
      })),
  };
}
