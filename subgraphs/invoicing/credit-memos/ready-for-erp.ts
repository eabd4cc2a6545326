import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Transaction } from '@procuregraph/platform/db';
import { markSyncPending } from '@procuregraph/platform/jobs';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { creditMemos, outbox, syncStatus, type CreditMemoRow, type InvoiceRow } from '../db/tables.ts';
import { creditMemoReadyForErp } from '../events.ts';

async function queueForErp(tx: Transaction, creditMemoId: string): Promise<void> {
  await appendToOutbox(tx, outbox, { topic: creditMemoReadyForErp.name, aggregateId: creditMemoId, payload: { creditMemoId } });
}

/**
 * In the transaction that accepts a credit memo: its ERP push is PENDING from then on, and queued
 * at once when its invoice is already in ERP payables; otherwise it waits for the invoice's link
 * (`queueWaitingCreditMemos`), since the ERP credits only an invoice it holds.
 */
export async function awaitErpPush(tx: Transaction, creditMemo: CreditMemoRow, invoice: InvoiceRow): Promise<void> {
  await markSyncPending(tx, syncStatus, creditMemo.id, 'ERP');
  if (invoice.erpInvoiceId !== null) await queueForErp(tx, creditMemo.id);
}

/**
 * In the transaction that links an invoice to its ERP id: the credit memos that waited for it go
 * to the ERP now. The invoice row lock both transactions take makes one of them queue each memo.
 */
export async function queueWaitingCreditMemos(tx: Transaction, invoiceId: string): Promise<void> {
  const waiting = await tx
    .select({ id: creditMemos.id })
    .from(creditMemos)
    .where(and(eq(creditMemos.invoiceId, invoiceId), isNull(creditMemos.erpInvoiceId)))
    .orderBy(asc(creditMemos.createdAt), asc(creditMemos.id));
  for (const creditMemo of waiting) await queueForErp(tx, creditMemo.id);
}
