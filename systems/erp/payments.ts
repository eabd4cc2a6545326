import { Router } from 'express';
import { decimal, formatAmount, isDecimalString, sum, type ExactDecimal } from '@procuregraph/platform/money';
import { isoDate, HttpError } from '@procuregraph/reference-http';
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

const RELATED_INVOICE_ATTRIBUTES = [
  'InvoicePaymentId',
  'InvoiceId',
  'InvoiceNumber',
  'InvoiceType',
  'AmountPaid',
] as const satisfies readonly (keyof ErpRelatedInvoice)[];

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

/** Validated, approved, not canceled, and never in a payment (a failed or voided payment is not retried automatically). */
function openDocuments(state: ErpState): ErpInvoice[] {
  const everPaid = new Set(state.payments.all().flatMap((payment) => payment.relatedInvoices.map((related) => related.InvoiceId)));
  return state.invoices.filter(
    (invoice) =>
      APPROVED.includes(invoice.ApprovalStatus) &&
      invoice.ValidationStatus === 'Validated' &&
      !invoice.CanceledFlag &&
      !decimal(invoice.AmountRemaining).isZero() &&
      !everPaid.has(invoice.InvoiceId),
  );
}

/**
 * What the run settles: each open Standard invoice with the open credit memos of its supplier
 * that credit it, applied together as Payables does, so the payment covers the net.
 */
function settlements(state: ErpState): PaymentLine[][] {
  const open = openDocuments(state);
  const credits = open.filter((document) => document.InvoiceType === 'Credit memo');
  return open
    .filter((invoice) => invoice.InvoiceType === 'Standard')
    .map((invoice) =>
      [invoice]
        .concat(
          credits.filter(
            (credit) =>
              credit.SupplierId === invoice.SupplierId && credit.invoiceLines[0]?.CorrectedInvoiceNumber === invoice.InvoiceNumber,
          ),
        )
        .map((document) => ({ invoice: document, amountPaid: document.AmountRemaining })),
    );
}

/** An invoice's (or credit memo's) AmountPaid, AmountRemaining and PaidStatus from what is paid or applied of it. */
function setPaid(invoice: ErpInvoice, paid: ExactDecimal): void {
  const remaining = decimal(invoice.InvoiceAmount).minus(paid);
  invoice.AmountPaid = formatAmount(paid, invoice.InvoiceCurrency);
  invoice.AmountRemaining = formatAmount(remaining, invoice.InvoiceCurrency);
  invoice.PaidStatus = paid.isZero() ? 'Unpaid' : remaining.isZero() ? 'Paid' : 'Partially paid';
  invoice.LastUpdateDate = new Date().toISOString();
}

/** The documents' paid status from every payment still paying them: a spoiled or voided one no longer counts. */
function setPaidStatus(state: ErpState, payment: ErpPayment): void {
  for (const related of payment.relatedInvoices) {
    const invoice = state.invoices.get(related.InvoiceId);
    if (!invoice) continue;
    const paid = sum(
      state.payments
        .all()
        .filter((candidate) => PAYING.includes(candidate.PaymentStatus))
        .flatMap((candidate) =>
          candidate.relatedInvoices.filter((other) => other.InvoiceId === invoice.InvoiceId).map((other) => other.AmountPaid),
        ),
    );
    setPaid(invoice, paid);
  }
}

interface PaymentLine {
  invoice: ErpInvoice;
  amountPaid: string;
}

/** A new Issued payment of one or more documents of one supplier, with the amount paid (or credit applied) on each; it pays the net. */
function issuePayment(state: ErpState, lines: readonly PaymentLine[]): ErpPayment {
  const first = lines[0]!.invoice;
  const supplier = state.suppliers.get(first.SupplierId);
  const paySite = supplier?.sites.find((site) => site.SitePurposePayFlag && site.PaymentMethodCode !== null);
  const now = new Date();
  const payment = state.payments.insert({
    PaymentId: nextNumber(state.sequences, 'id'),
    PaymentNumber: String(nextNumber(state.sequences, 'paymentNumber')),
    PaymentAmount: formatAmount(sum(lines.map((line) => line.amountPaid)), first.InvoiceCurrency),
    PaymentCurrency: first.InvoiceCurrency,
    PaymentDate: isoDate(now),
    PaymentStatus: 'Issued',
    PaymentMethodCode: paySite?.PaymentMethodCode ?? 'EFT',
    SupplierId: first.SupplierId,
    Supplier: first.Supplier,
    SupplierNumber: first.SupplierNumber,
    ClearingDate: null,
    VoidDate: null,
    CreationDate: now.toISOString(),
    LastUpdateDate: now.toISOString(),
    relatedInvoices: lines.map(({ invoice, amountPaid }) => ({
      InvoicePaymentId: nextNumber(state.sequences, 'id'),
      InvoiceId: invoice.InvoiceId,
      InvoiceNumber: invoice.InvoiceNumber,
      InvoiceType: invoice.InvoiceType,
      AmountPaid: formatAmount(amountPaid, invoice.InvoiceCurrency),
    })),
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
 * invoice without any payment gets one (Issued) of the net of it and the credit memos crediting
 * it: a zero-amount payment when they credit it in full (Payables' "allow zero-amount payments"),
 * so the settlement is a payment event like any other. A payment created in this run waits
 * for the next run to advance. Returns how many payments were created or advanced and invoices closed.
 */
function runPayments(context: ErpContext): number {
  const { state } = context;
  const resource = paymentsResource(state);
  const changed = (payment: ErpPayment, previous: PaymentStatus | null) =>
    recordEvent(context, {
      type: 'PaymentStatusChanged',
      resourceName: resource.name,
      resourceId: payment.PaymentId,
      previousStatus: previous,
      resource: fullView(resource, payment),
    });
  let advanced = 0;
  for (const payment of state.payments.all()) {
    const next = NEXT_STATUS[payment.PaymentStatus];
    if (!next) continue;
    const previous = payment.PaymentStatus;
    moveTo(payment, next);
    changed(payment, previous);
    advanced += 1;
  }
  for (const lines of settlements(state)) {
    changed(issuePayment(state, lines), null);
    advanced += 1;
  }
  if (advanced > 0) context.changed();
  return advanced;
}

/** Admin transitions that a bank or an AP clerk would cause. */
const ADMIN_TRANSITIONS = {
  fail: { to: 'Spoiled', from: ['Issued', 'Negotiable'] },
  // Voiding a cleared payment first unclears it, as Payables does when a cleared check is stopped.
  void: { to: 'Voided', from: ['Issued', 'Negotiable', 'Cleared'] },
} as const satisfies Record<string, { to: PaymentStatus; from: readonly PaymentStatus[] }>;

function badPayment(message: string): HttpError {
  return new HttpError(400, ErpErrorCode.badRequest, message);
}

/** What a manual payment (a "quick payment" of selected invoices) asks for: each invoice open, of one supplier, paid at most what it still owes. */
function paymentLines(state: ErpState, body: unknown): PaymentLine[] {
  const requested = (body as { relatedInvoices?: unknown } | null)?.relatedInvoices;
  if (!Array.isArray(requested) || requested.length === 0) throw badPayment('relatedInvoices must name at least one invoice.');
  const lines = requested.map((item: { InvoiceId?: unknown; AmountPaid?: unknown }) => {
    const invoice = state.invoices.get(Number(item.InvoiceId));
    if (!invoice || invoice.CanceledFlag || invoice.ValidationStatus !== 'Validated' || !APPROVED.includes(invoice.ApprovalStatus)) {
      throw badPayment(`Invoice ${String(item.InvoiceId)} is not a validated, approved invoice.`);
    }
    const owed = decimal(invoice.AmountRemaining);
    const amountPaid = item.AmountPaid === undefined ? owed.toFixed() : String(item.AmountPaid);
    if (!isDecimalString(amountPaid) || decimal(amountPaid).lessThanOrEqualTo(0) || decimal(amountPaid).greaterThan(owed)) {
      throw badPayment(`AmountPaid on invoice ${invoice.InvoiceNumber} must be above 0 and at most ${owed.toFixed()}.`);
    }
    return { invoice, amountPaid };
  });
  if (new Set(lines.map((line) => line.invoice.SupplierId)).size > 1) throw badPayment('A payment pays invoices of one supplier.');
  return lines;
}

/**
 * `POST /admin/payment-run`; `POST /admin/payments` with `relatedInvoices: [{ InvoiceId,
 * AmountPaid? }]` for a manual payment of several invoices, or part of one (issued; later runs
 * advance it); and `POST /admin/payments/{PaymentId}/fail|void` to produce the FAILED (Spoiled)
 * and VOIDED (Voided) outcomes in tests and demos.
 */
export function paymentAdminRouter(context: ErpContext): Router {
  const { state } = context;
  const resource = paymentsResource(state);
  const router = Router();
  router.post('/admin/payment-run', (_request, response) => {
    response.json({ advanced: runPayments(context) });
  });
  router.post('/admin/payments', (request, response) => {
    const payment = issuePayment(state, paymentLines(state, request.body));
    recordEvent(context, {
      type: 'PaymentStatusChanged',
      resourceName: resource.name,
      resourceId: payment.PaymentId,
      previousStatus: null,
      resource: fullView(resource, payment),
    });
    context.changed();
    response.status(201).json(itemView(resource, payment));
  });
  router.post('/admin/payments/:PaymentId/:transition', (request, response) => {
    const payment = state.payments.get(Number(request.params.PaymentId));
    const name = request.params.transition;
    const transition = name === 'fail' || name === 'void' ? ADMIN_TRANSITIONS[name] : undefined;
    if (!payment || !transition) throw new HttpError(404, ErpErrorCode.notFound, `No resource at ${request.path}.`);
    const previous = payment.PaymentStatus;
    if (!(transition.from as readonly PaymentStatus[]).includes(previous)) {
      throw new HttpError(
        409,
        ErpErrorCode.paymentStatusConflict,
        `The payment ${payment.PaymentNumber} is ${previous} and cannot become ${transition.to}.`,
      );
    }
    moveTo(payment, transition.to);
    setPaidStatus(state, payment);
    recordEvent(context, {
      type: 'PaymentStatusChanged',
      resourceName: resource.name,
      resourceId: payment.PaymentId,
      previousStatus: previous,
      resource: fullView(resource, payment),
    });
    context.changed();
    response.json(itemView(resource, payment));
  });
  return router;
}
