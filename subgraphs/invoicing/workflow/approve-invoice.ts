import { eq } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db/database';
import type { UserError } from '@procuregraph/platform/graphql/errors';
import { markSyncPending } from '@procuregraph/platform/jobs/sync-status';
import { appendToOutbox } from '@procuregraph/platform/outbox/outbox';
import { invoiceApproved } from '../events.ts';
import { announceInvoiceStatus } from './announce-invoice-status.ts';
import { invoices, matchExceptions, outbox, syncStatus, type InvoiceRow, type MatchExceptionRow } from '../db/tables.ts';

export interface InvoiceResult {
  invoice: InvoiceRow | null;
  userErrors: UserError[];
}

/** Matched, or every exception resolved without a rejection: finance may then approve it. */
export function isApprovable(invoice: InvoiceRow, exceptions: readonly MatchExceptionRow[]): boolean {
  if (invoice.status === 'MATCHED') return true;
  return invoice.status === 'EXCEPTION' && exceptions.every((exception) => exception.resolution !== null && exception.resolution !== 'REJECTED');
}

function notApprovable(invoice: InvoiceRow): InvoiceResult {
  return { invoice, userErrors: [{ field: ['id'], code: 'NOT_APPROVABLE', message: `Invoice ${invoice.invoiceNumber} is ${invoice.status} and cannot be approved` }] };
}

/**
 * Approves an invoice and, in the same transaction, queues its delivery to ERP payables (the
 * `invoice.approved` event becomes a job), so an approval is never lost nor sent twice.
 */
export function approveInvoice(db: Database, invoiceId: string): Promise<InvoiceResult | null> {
  return db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for('update');
    if (!invoice) return null;
    const exceptions = await tx.select().from(matchExceptions).where(eq(matchExceptions.invoiceId, invoiceId));
    if (!isApprovable(invoice, exceptions)) return notApprovable(invoice);
    const [approved] = await tx.update(invoices).set({ status: 'APPROVED', updatedAt: new Date() }).where(eq(invoices.id, invoiceId)).returning();
    await markSyncPending(tx, syncStatus, invoiceId, 'ERP');
    await appendToOutbox(tx, outbox, { topic: invoiceApproved.name, aggregateId: invoiceId, payload: { invoiceId } });
    await announceInvoiceStatus(tx, approved!);
    return { invoice: approved!, userErrors: [] };
  });
}
