import { eq, inArray } from 'drizzle-orm';
import type { Transaction } from '@procuregraph/platform/db/database';
import { newId } from '@procuregraph/platform/db/ids';
import { markSyncPending } from '@procuregraph/platform/jobs/sync-status';
import { appendToOutbox } from '@procuregraph/platform/outbox/outbox';
import type { ErpPaymentSnapshot } from '../erp-mapping.ts';
import { invoices, outbox, payments, syncStatus, type InvoiceRow, type PaymentRow, type PaymentStatus } from '../db/tables.ts';
import { paymentStatusChanged, type PaymentStatusChanged } from '../events.ts';
import { announceInvoiceStatus } from '../workflow/announce-invoice-status.ts';

/** The instants a status fixes: sent to the bank, cleared by it. Earlier ones are kept. */
function milestones(status: PaymentStatus, occurredAt: Date, existing: PaymentRow | undefined): Pick<PaymentRow, 'paidAt' | 'clearedAt'> {
  return {
    paidAt: existing?.paidAt ?? (status === 'SENT' || status === 'CLEARED' ? occurredAt : null),
    clearedAt: existing?.clearedAt ?? (status === 'CLEARED' ? occurredAt : null),
  };
}

async function upsertPayment(tx: Transaction, snapshot: ErpPaymentSnapshot, invoice: InvoiceRow, occurredAt: Date, existing: PaymentRow | undefined): Promise<PaymentRow> {
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
    .values({ id: newId(), invoiceId: invoice.id, supplierId: invoice.supplierId, erpPaymentId: snapshot.erpPaymentId, ...values, createdAt: occurredAt })
    .returning();
  return created!;
}

/** A cleared payment pays the invoice; nothing else changes the invoice (a failed one leaves it approved, to be paid again). */
async function settleInvoice(tx: Transaction, invoice: InvoiceRow, status: PaymentStatus, occurredAt: Date): Promise<void> {
  if (status !== 'CLEARED' || invoice.status === 'PAID') return;
  const [paid] = await tx.update(invoices).set({ status: 'PAID', updatedAt: occurredAt }).where(eq(invoices.id, invoice.id)).returning();
  await announceInvoiceStatus(tx, paid!);
}

/**
 * Applies a payment's state from the ERP in the inbound event's transaction: the canonical
 * payment (created on first sight), the invoice it pays, and, when the status changed, the
 * `payment.status_changed` event and the pending sync to the supplier portal. A payment of an
 * invoice invoicing never sent to the ERP is not ours and is skipped.
 */
export async function applyErpPayment(tx: Transaction, snapshot: ErpPaymentSnapshot, occurredAt: Date): Promise<PaymentRow | null> {
  if (snapshot.erpInvoiceIds.length === 0) return null;
  const [invoice] = await tx.select().from(invoices).where(inArray(invoices.erpInvoiceId, snapshot.erpInvoiceIds)).limit(1);
  if (!invoice) return null;
  const [existing] = await tx.select().from(payments).where(eq(payments.erpPaymentId, snapshot.erpPaymentId)).for('update');
  const payment = await upsertPayment(tx, snapshot, invoice, occurredAt, existing);
  await settleInvoice(tx, invoice, snapshot.status, occurredAt);
  if (existing?.status === snapshot.status) return payment;
  const event: PaymentStatusChanged = {
    paymentId: payment.id,
    invoiceId: invoice.id,
    supplierId: invoice.supplierId,
    previousStatus: existing?.status ?? null,
    status: snapshot.status,
    occurredAt: occurredAt.toISOString(),
  };
  await markSyncPending(tx, syncStatus, payment.id, 'VENDOR_PLATFORM');
  await appendToOutbox(tx, outbox, { topic: paymentStatusChanged.name, aggregateId: payment.id, payload: { ...event } });
  return payment;
}
