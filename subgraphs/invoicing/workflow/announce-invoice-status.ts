import type { Transaction } from '@procuregraph/platform/db';
import { markSyncPending } from '@procuregraph/platform/jobs';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { outbox, syncStatus, type InvoiceRow } from '../db/tables.ts';
import { invoiceStatusChanged } from '../events.ts';

/**
 * Called in the transaction that changed an invoice's status. Only invoices submitted on the
 * vendor platform's portal have a portal copy to keep up to date; the others produce nothing.
 */
export async function announceInvoiceStatus(
  tx: Transaction,
  invoice: Pick<InvoiceRow, 'id' | 'status' | 'vendorPlatformInvoiceId'>,
): Promise<void> {
  if (invoice.vendorPlatformInvoiceId === null) return;
  await markSyncPending(tx, syncStatus, invoice.id, 'VENDOR_PLATFORM');
  await appendToOutbox(tx, outbox, {
    topic: invoiceStatusChanged.name,
    aggregateId: invoice.id,
    payload: { invoiceId: invoice.id, status: invoice.status },
  });
}
