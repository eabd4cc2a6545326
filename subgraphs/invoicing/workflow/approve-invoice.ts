import { eq } from 'drizzle-orm';
import { firstBusinessEventAt, recordBusinessEvent } from '@procuregraph/platform/business';
import type { Database, Transaction } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { markSyncPending } from '@procuregraph/platform/jobs';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { formatAmount } from '@procuregraph/platform/money';
import { creditBalance } from '../credit-memos/expected-credit.ts';
import { invoiceApproved } from '../events.ts';
import { announceInvoiceStatus } from './announce-invoice-status.ts';
import {
  invoices,
  matchExceptions,
  outbox,
  purchaseOrderProjections,
  supplierProjections,
  syncStatus,
  type InvoiceRow,
  type MatchExceptionRow,
} from '../db/tables.ts';

export interface InvoiceResult {
  invoice: InvoiceRow | null;
  userErrors: UserError[];
}

/** Matched, or every exception resolved without a rejection: finance may then approve it. */
export function isApprovable(invoice: InvoiceRow, exceptions: readonly MatchExceptionRow[]): boolean {
  if (invoice.status === 'MATCHED') return true;
  return (
    invoice.status === 'EXCEPTION' && exceptions.every((exception) => exception.resolution !== null && exception.resolution !== 'REJECTED')
  );
}

function refused(invoice: InvoiceRow, code: string, message: string): InvoiceResult {
  return { invoice, userErrors: [{ field: ['id'], code, message }] };
}

/** Order statuses under which nothing more is paid. */
const FINISHED_ORDER_STATUSES: readonly string[] = ['CLOSED', 'CANCELLED'];

/**
 * The facts approval re-reads, since they may have changed since the match: the supplier must
 * still be ACTIVE, the order still open to billing, and the credit memos requested on it
 * must have brought the credit expected.
 */
async function approvalRefusal(
  tx: Transaction,
  invoice: InvoiceRow,
  exceptions: readonly MatchExceptionRow[],
): Promise<InvoiceResult | null> {
  if (!isApprovable(invoice, exceptions))
    return refused(invoice, 'NOT_APPROVABLE', `Invoice ${invoice.invoiceNumber} is ${invoice.status} and cannot be approved`);
  const credit = await creditBalance(tx, invoice);
  if (credit.outstanding.greaterThan(0)) {
    return refused(
      invoice,
      'CREDIT_MEMO_PENDING',
      `Invoice ${invoice.invoiceNumber} waits for ${formatAmount(credit.outstanding, invoice.currency)} of credit requested on it`,
    );
  }
  const [supplier] = await tx
    .select({ status: supplierProjections.status })
    .from(supplierProjections)
    .where(eq(supplierProjections.supplierId, invoice.supplierId));
  if (supplier?.status !== 'ACTIVE')
    return refused(invoice, 'SUPPLIER_NOT_ACTIVE', `The supplier is ${supplier?.status ?? 'unknown'}; only active suppliers are paid`);
  if (invoice.purchaseOrderId === null) return null;
  const [order] = await tx
    .select({ number: purchaseOrderProjections.number, status: purchaseOrderProjections.status })
    .from(purchaseOrderProjections)
    .where(eq(purchaseOrderProjections.purchaseOrderId, invoice.purchaseOrderId));
  if (order && FINISHED_ORDER_STATUSES.includes(order.status))
    return refused(invoice, 'PURCHASE_ORDER_CLOSED', `Purchase order ${order.number} is ${order.status}`);
  return null;
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
    const refusal = await approvalRefusal(tx, invoice, exceptions);
    if (refusal) return refusal;
    const [approved] = await tx
      .update(invoices)
      .set({ status: 'APPROVED', updatedAt: new Date() })
      .where(eq(invoices.id, invoiceId))
      .returning();
    await markSyncPending(tx, syncStatus, invoiceId, 'ERP');
    await appendToOutbox(tx, outbox, { topic: invoiceApproved.name, aggregateId: invoiceId, payload: { invoiceId } });
    await announceInvoiceStatus(tx, approved!);
    // Touchless: no exception ever stopped it, so nobody but the approver handled it.
    await recordBusinessEvent(tx, {
      kind: 'INVOICE_APPROVED',
      supplierId: invoice.supplierId,
      entityId: invoiceId,
      outcome: exceptions.length === 0 ? 'TOUCHLESS' : 'TOUCHED',
      startedAt: await firstBusinessEventAt(tx, 'INVOICE_RECEIVED', invoiceId),
    });
    return { invoice: approved!, userErrors: [] };
  });
}
