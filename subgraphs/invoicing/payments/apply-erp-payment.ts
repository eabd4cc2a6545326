import { eq, inArray, sql } from 'drizzle-orm';
import { type Transaction, newId, recordJourneyStep } from '@procuregraph/platform/db';
import { recordBusinessEvent } from '@procuregraph/platform/business';
import { markSyncPending } from '@procuregraph/platform/jobs';
import { decimal, formatDecimal, sum, type ExactDecimal } from '@procuregraph/platform/money';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import type { ErpPaymentSnapshot } from '../erp-mapping.ts';
import { lockErpInvoiceLinks } from '../db/advisory-locks.ts';
import {
  creditMemos,
  invoices,
  invoicingSchema,
  outbox,
  paymentApplications,
  payments,
  syncStatus,
  unlinkedErpPayments,
  type CreditMemoRow,
  type InvoiceRow,
  type PaymentRow,
  type PaymentStatus,
} from '../db/tables.ts';
import { paymentStatusChanged, remittanceDue, type PaymentStatusChanged } from '../events.ts';
import { takesRemittances } from '../edi/send-remittance.ts';
import { settleInvoice } from './settle-invoice.ts';
import { queueWaitingCreditMemos } from '../credit-memos/ready-for-erp.ts';

/** The instants a status fixes: sent to the bank, cleared by it. Earlier ones are kept. */
function milestones(status: PaymentStatus, occurredAt: Date, existing: PaymentRow | undefined): Pick<PaymentRow, 'paidAt' | 'clearedAt'> {
  return {
    paidAt: existing?.paidAt ?? (status === 'SENT' || status === 'CLEARED' ? occurredAt : null),
    clearedAt: existing?.clearedAt ?? (status === 'CLEARED' ? occurredAt : null),
  };
}

async function upsertPayment(
  tx: Transaction,
  snapshot: ErpPaymentSnapshot,
  invoice: InvoiceRow,
  occurredAt: Date,
  existing: PaymentRow | undefined,
): Promise<PaymentRow> {
  const values = {
    paymentNumber: snapshot.paymentNumber,
    amount: snapshot.amount,
    currency: snapshot.currency,
    status: snapshot.status,
    method: snapshot.method,
    scheduledFor: snapshot.scheduledFor,
    ...milestones(snapshot.status, occurredAt, existing),
    updatedAt: occurredAt,
    lastSyncedAt: new Date(),
  };
  if (existing) {
    const [updated] = await tx.update(payments).set(values).where(eq(payments.id, existing.id)).returning();
    return updated!;
  }
  const [created] = await tx
    .insert(payments)
    .values({
      id: newId(),
      invoiceId: invoice.id,
      supplierId: invoice.supplierId,
      erpPaymentId: snapshot.erpPaymentId,
      ...values,
      createdAt: occurredAt,
    })
    .returning();
  return created!;
}

/** The invoices it pays that invoicing knows by their ERP ids, in the payment's order. */
async function linkedInvoices(tx: Transaction, snapshot: ErpPaymentSnapshot): Promise<InvoiceRow[]> {
  const erpInvoiceIds = snapshot.relatedInvoices.map((related) => related.erpInvoiceId);
  await lockErpInvoiceLinks(tx, [...erpInvoiceIds, ...snapshot.appliedCredits.map((credit) => credit.erpCreditMemoId)]);
  const rows = await tx.select().from(invoices).where(inArray(invoices.erpInvoiceId, erpInvoiceIds)).orderBy(invoices.id).for('update');
  return erpInvoiceIds.flatMap((erpInvoiceId) => rows.filter((row) => row.erpInvoiceId === erpInvoiceId));
}

/** The credit memos it applies that invoicing knows by their ERP ids. */
async function linkedCreditMemos(tx: Transaction, snapshot: ErpPaymentSnapshot): Promise<CreditMemoRow[]> {
  const erpIds = snapshot.appliedCredits.map((credit) => credit.erpCreditMemoId);
  if (erpIds.length === 0) return [];
  return tx.select().from(creditMemos).where(inArray(creditMemos.erpInvoiceId, erpIds));
}

/** Keeps the payment's latest state while some invoice or credit memo it settles is not linked yet, to be applied again when it is. */
async function keepUntilLinked(
  tx: Transaction,
  snapshot: ErpPaymentSnapshot,
  linked: readonly { erpInvoiceId: string | null }[],
  occurredAt: Date,
): Promise<void> {
  const known = new Set(linked.map((document) => document.erpInvoiceId));
  const waiting = snapshot.relatedInvoices
    .map((related) => related.erpInvoiceId)
    .concat(snapshot.appliedCredits.map((credit) => credit.erpCreditMemoId))
    .filter((id) => !known.has(id));
  if (waiting.length === 0) {
    await tx.delete(unlinkedErpPayments).where(eq(unlinkedErpPayments.erpPaymentId, snapshot.erpPaymentId));
    return;
  }
  const row = { erpPaymentId: snapshot.erpPaymentId, erpInvoiceIds: waiting, snapshot, occurredAt };
  await tx.insert(unlinkedErpPayments).values(row).onConflictDoUpdate({ target: unlinkedErpPayments.erpPaymentId, set: row });
}

/** What the payment applied to the invoice from its credit memos: the ERP counts it in the amount paid on the invoice. */
function creditedOn(invoice: InvoiceRow, snapshot: ErpPaymentSnapshot, credits: readonly CreditMemoRow[]): ExactDecimal {
  const ofInvoice = credits.filter((credit) => credit.invoiceId === invoice.id).map((credit) => credit.erpInvoiceId);
  return sum(snapshot.appliedCredits.filter((credit) => ofInvoice.includes(credit.erpCreditMemoId)).map((credit) => credit.amount));
}

/** What the payment applies to each linked invoice, as the ERP says: in money, and from the invoice's credit memos. */
async function recordApplications(
  tx: Transaction,
  payment: PaymentRow,
  snapshot: ErpPaymentSnapshot,
  linked: readonly InvoiceRow[],
  credits: readonly CreditMemoRow[],
): Promise<void> {
  for (const invoice of linked) {
    const applied = snapshot.relatedInvoices.find((related) => related.erpInvoiceId === invoice.erpInvoiceId)!.amountPaid;
    const credited = creditedOn(invoice, snapshot, credits);
    const set = { amount: formatDecimal(decimal(applied).minus(credited)), credited: formatDecimal(credited) };
    await tx
      .insert(paymentApplications)
      .values({ paymentId: payment.id, invoiceId: invoice.id, ...set })
      .onConflictDoUpdate({ target: [paymentApplications.paymentId, paymentApplications.invoiceId], set });
  }
}

async function announcePayment(
  tx: Transaction,
  payment: PaymentRow,
  linked: readonly InvoiceRow[],
  previousStatus: PaymentStatus | null,
  occurredAt: Date,
): Promise<void> {
  const event: PaymentStatusChanged = {
    paymentId: payment.id,
    invoiceId: payment.invoiceId,
    invoiceIds: [payment.invoiceId, ...linked.map((invoice) => invoice.id).filter((id) => id !== payment.invoiceId)],
    supplierId: payment.supplierId,
    previousStatus,
    status: payment.status,
    occurredAt: occurredAt.toISOString(),
  };
  await markSyncPending(tx, syncStatus, payment.id, 'VENDOR_PLATFORM');
  await appendToOutbox(tx, outbox, { topic: paymentStatusChanged.name, aggregateId: payment.id, payload: { ...event } });
  if (payment.status === 'CLEARED' && (await takesRemittances(tx, payment.supplierId)))
    await appendToOutbox(tx, outbox, { topic: remittanceDue.name, aggregateId: payment.id, payload: { ...event } });
  // In the graph (and to its subscribers, as this event) from now: the ERP's change took this long to get here.
  await recordBusinessEvent(tx, {
    kind: 'PAYMENT_STATUS_PUBLISHED',
    supplierId: payment.supplierId,
    entityId: payment.id,
    target: 'GRAPH',
    startedAt: occurredAt,
  });
}

/**
 * Applies a payment's state from the ERP in the inbound event's transaction: the canonical
 * payment (created on first sight, shown under the first invoice it pays), what it applies to
 * each invoice it pays, each of those invoices settled again, and, when the status changed, the
 * `payment.status_changed` event (naming every invoice it pays) and the pending sync to the supplier portal. Invoices not yet
 * linked to their ERP ids get the payment when the link arrives; a payment of invoices invoicing
 * never sent to the ERP waits the same way, harmlessly. A payment applying a credit memo not yet
 * linked waits whole for it: the credit memos it applies are netted against the invoices they credit.
 */
export async function applyErpPayment(tx: Transaction, snapshot: ErpPaymentSnapshot, occurredAt: Date): Promise<PaymentRow | null> {
  if (snapshot.relatedInvoices.length === 0) return null;
  const linked = await linkedInvoices(tx, snapshot);
  const credits = await linkedCreditMemos(tx, snapshot);
  await keepUntilLinked(tx, snapshot, [...linked, ...credits], occurredAt);
  // Until every credit memo it applies is linked, how much of it is money on which invoice is unknown.
  if (linked.length === 0 || credits.length < snapshot.appliedCredits.length) return null;
  const [existing] = await tx.select().from(payments).where(eq(payments.erpPaymentId, snapshot.erpPaymentId)).for('update');
  const payment = await upsertPayment(tx, snapshot, linked[0]!, occurredAt, existing);
  await recordApplications(tx, payment, snapshot, linked, credits);
  for (const invoice of linked) await settleInvoice(tx, invoice, occurredAt);
  if (existing?.status !== snapshot.status) await announcePayment(tx, payment, linked, existing?.status ?? null, occurredAt);
  return payment;
}

/**
 * The ERP's payment event is a step of the payment's journey, at the ERP's time, written in the
 * transaction that applies it.
 */
export function recordErpPaymentStep(tx: Transaction, payment: PaymentRow, occurredAt: Date): Promise<void> {
  return recordJourneyStep(tx, {
    entityId: payment.id,
    service: invoicingSchema.schemaName,
    system: 'ERP',
    action: `payment status ${payment.status} in the ERP`,
    outcome: 'SUCCEEDED',
    at: occurredAt,
  });
}

/**
 * Applies again, in the order they happened, the payments that waited for this ERP id to be
 * linked. A kept event that now changes its payment's status is that event's step (when it first
 * arrived it had no payment to be a step of); one applied before, when some of its invoices were
 * linked, was its step then and is not recorded twice.
 */
export async function applyWaitingPayments(tx: Transaction, erpInvoiceId: string): Promise<void> {
  const waiting = await tx
    .select()
    .from(unlinkedErpPayments)
    .where(sql`${unlinkedErpPayments.erpInvoiceIds} @> ${JSON.stringify([erpInvoiceId])}::jsonb`)
    .orderBy(unlinkedErpPayments.occurredAt);
  for (const row of waiting) {
    const kept = row.snapshot as ErpPaymentSnapshot;
    const [before] = await tx.select({ status: payments.status }).from(payments).where(eq(payments.erpPaymentId, kept.erpPaymentId));
    // A payment kept before credit memos were netted carries none.
    const payment = await applyErpPayment(tx, { ...kept, appliedCredits: kept.appliedCredits ?? [] }, row.occurredAt);
    if (payment && payment.status !== before?.status) await recordErpPaymentStep(tx, payment, row.occurredAt);
  }
}

/** Links an invoice to its ERP id; payments that named that id before are applied now, and credit memos that waited for it go to the ERP. */
export async function linkToErpInvoice(tx: Transaction, invoiceId: string, erpInvoiceId: string): Promise<void> {
  await lockErpInvoiceLinks(tx, [erpInvoiceId]);
  await tx.update(invoices).set({ erpInvoiceId, lastSyncedAt: new Date() }).where(eq(invoices.id, invoiceId));
  await queueWaitingCreditMemos(tx, invoiceId);
  await applyWaitingPayments(tx, erpInvoiceId);
}

/** Links a credit memo to its ERP id; payments that applied it before are applied again now, with the credit. */
export async function linkCreditMemoToErp(tx: Transaction, creditMemoId: string, erpInvoiceId: string): Promise<void> {
  await lockErpInvoiceLinks(tx, [erpInvoiceId]);
  await tx.update(creditMemos).set({ erpInvoiceId }).where(eq(creditMemos.id, creditMemoId));
  await applyWaitingPayments(tx, erpInvoiceId);
}
