import { Router } from 'express';
import { formatAmount } from '@procuregraph/platform/money';
import { isoDate } from '@procuregraph/reference-http/dates';
import { HttpError } from '@procuregraph/reference-http/errors';
import { recordEvent } from './business-events.ts';
import type { ErpContext } from './context.ts';
import { ErpErrorCode } from './fusion-errors.ts';
import { fullView, itemView, type ResourceDescriptor } from './rest/resource-reader.ts';
import { nextNumber, type ErpInvoice, type ErpPayment, type ErpRelatedInvoice, type ErpState, type PaymentStatus } from './state.ts';

const PAYMENT_ATTRIBUTES = [
  'PaymentId',
  'PaymentNumber',
  'PaymentAmount',
  'PaymentCurrency',
  'PaymentDate',
  'PaymentStatus',
  'PaymentMethodCode',
  'SupplierId',
  'Supplier',
  'SupplierNumber',
  'ClearingDate',
  'VoidDate',
  'CreationDate',
  'LastUpdateDate',
] as const satisfies readonly (keyof ErpPayment)[];

const RELATED_INVOICE_ATTRIBUTES = ['InvoicePaymentId', 'InvoiceId', 'InvoiceNumber', 'AmountPaid'] as const satisfies readonly (keyof ErpRelatedInvoice)[];

export function paymentsResource(state: ErpState): ResourceDescriptor<ErpPayment> {
  return {
    name: 'payablesPayments',
    key: 'PaymentId',
    attributes: PAYMENT_ATTRIBUTES,
    children: [{ name: 'relatedInvoices', key: 'InvoicePaymentId', attributes: RELATED_INVOICE_ATTRIBUTES, children: [] }],
    rows: () => state.payments.all(),
    view: (row) => ({ ...row }),
  };
}

/** The payment run's steps: Issued (SCHEDULED) → Negotiable (SENT) → Cleared (CLEARED). */
const NEXT_STATUS: Partial<Record<PaymentStatus, PaymentStatus>> = { Issued: 'Negotiable', Negotiable: 'Cleared' };

/** Statuses that count as paying the invoice; a spoiled or voided payment leaves it unpaid. */
const PAYING: readonly PaymentStatus[] = ['Issued', 'Negotiable', 'Cleared'];

const APPROVED: readonly ErpInvoice['ApprovalStatus'][] = ['Workflow approved', 'Manually approved', 'Not required'];

/** Invoices the run should pay: validated, approved, not canceled, and never paid before (a failed or voided payment is not retried automatically). */
function payableInvoices(state: ErpState): ErpInvoice[] {
  const everPaid = new Set(state.payments.all().flatMap((payment) => payment.relatedInvoices.map((related) => related.InvoiceId)));
  return state.invoices.filter(
    (invoice) => APPROVED.includes(invoice.ApprovalStatus) && invoice.ValidationStatus === 'Validated' && !invoice.CanceledFlag && !everPaid.has(invoice.InvoiceId),
  );
}

function setPaidStatus(state: ErpState, payment: ErpPayment): void {
  const paying = PAYING.includes(payment.PaymentStatus);
  for (const related of payment.relatedInvoices) {
    const invoice = state.invoices.get(related.InvoiceId);
    if (!invoice) continue;
    invoice.PaidStatus = paying ? 'Paid' : 'Unpaid';
    invoice.AmountPaid = paying ? related.AmountPaid : formatAmount('0', invoice.InvoiceCurrency);
    invoice.LastUpdateDate = new Date().toISOString();
  }
}

function schedulePayment(state: ErpState, invoice: ErpInvoice): ErpPayment {
  const supplier = state.suppliers.get(invoice.SupplierId);
  const paySite = supplier?.sites.find((site) => site.SitePurposePayFlag && site.PaymentMethodCode !== null);
  const now = new Date();
  const payment = state.payments.insert({
    PaymentId: nextNumber(state.sequences, 'id'),
    PaymentNumber: String(nextNumber(state.sequences, 'paymentNumber')),
    PaymentAmount: invoice.InvoiceAmount,
    PaymentCurrency: invoice.InvoiceCurrency,
    PaymentDate: isoDate(now),
    PaymentStatus: 'Issued',
    PaymentMethodCode: paySite?.PaymentMethodCode ?? 'EFT',
    SupplierId: invoice.SupplierId,
    Supplier: invoice.Supplier,
    SupplierNumber: invoice.SupplierNumber,
    ClearingDate: null,
    VoidDate: null,
    CreationDate: now.toISOString(),
    LastUpdateDate: now.toISOString(),
    relatedInvoices: [
      { InvoicePaymentId: nextNumber(state.sequences, 'id'), InvoiceId: invoice.InvoiceId, InvoiceNumber: invoice.InvoiceNumber, AmountPaid: invoice.InvoiceAmount },
    ],
  });
  setPaidStatus(state, payment);
  return payment;
}

function moveTo(payment: ErpPayment, status: PaymentStatus): void {
  const now = new Date();
  payment.PaymentStatus = status;
  payment.LastUpdateDate = now.toISOString();
  if (status === 'Cleared') payment.ClearingDate = isoDate(now);
  if (status === 'Voided') payment.VoidDate = isoDate(now);
}

/**
 * One payment run: every open payment advances one step, then every validated, approved
 * invoice without any payment gets one (Issued). A payment created in this run waits for the
 * next run to advance. Returns how many payments were created or advanced.
 */
function runPayments(context: ErpContext): number {
  const { state } = context;
  const resource = paymentsResource(state);
  const changed = (payment: ErpPayment, previous: PaymentStatus | null) =>
    recordEvent(context, { type: 'PaymentStatusChanged', resourceName: resource.name, resourceId: payment.PaymentId, previousStatus: previous, resource: fullView(resource, payment) });
  let advanced = 0;
  for (const payment of state.payments.all()) {
    const next = NEXT_STATUS[payment.PaymentStatus];
    if (!next) continue;
    const previous = payment.PaymentStatus;
    moveTo(payment, next);
    changed(payment, previous);
    advanced += 1;
  }
  for (const invoice of payableInvoices(state)) {
    changed(schedulePayment(state, invoice), null);
    advanced += 1;
  }
  if (advanced > 0) context.changed();
  return advanced;
}

/** Admin transitions that a bank or an AP clerk would cause. */
const ADMIN_TRANSITIONS = {
  fail: { to: 'Spoiled', from: ['Issued', 'Negotiable'] },
  void: { to: 'Voided', from: ['Issued', 'Negotiable'] },
} as const satisfies Record<string, { to: PaymentStatus; from: readonly PaymentStatus[] }>;

/**
 * `POST /admin/payment-run`, and `POST /admin/payments/{PaymentId}/fail|void` to produce the
 * FAILED (Spoiled) and VOIDED (Voided) outcomes in tests and demos.
 */
export function paymentAdminRouter(context: ErpContext): Router {
  const { state } = context;
  const resource = paymentsResource(state);
  const router = Router();
  router.post('/admin/payment-run', (_request, response) => {
    response.json({ advanced: runPayments(context) });
  });
  router.post('/admin/payments/:PaymentId/:transition', (request, response) => {
    const payment = state.payments.get(Number(request.params.PaymentId));
    const name = request.params.transition;
    const transition = name === 'fail' || name === 'void' ? ADMIN_TRANSITIONS[name] : undefined;
    if (!payment || !transition) throw new HttpError(404, ErpErrorCode.notFound, `No resource at ${request.path}.`);
    const previous = payment.PaymentStatus;
    if (!(transition.from as readonly PaymentStatus[]).includes(previous)) {
      throw new HttpError(409, ErpErrorCode.paymentStatusConflict, `The payment ${payment.PaymentNumber} is ${previous} and cannot become ${transition.to}.`);
    }
    moveTo(payment, transition.to);
    setPaidStatus(state, payment);
    recordEvent(context, { type: 'PaymentStatusChanged', resourceName: resource.name, resourceId: payment.PaymentId, previousStatus: previous, resource: fullView(resource, payment) });
    context.changed();
    response.json(itemView(resource, payment));
  });
  return router;
}
