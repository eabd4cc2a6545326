import { eq } from 'drizzle-orm';
import { firstBusinessEventAt, recordBusinessEvent } from '@procuregraph/platform/business';
import type { Transaction } from '@procuregraph/platform/db';
import { decimal } from '@procuregraph/platform/money';
import { amountsSettled, NOTHING_SETTLED, type Settled } from '../db/queries.ts';
import { invoices, type InvoiceRow, type InvoiceStatus } from '../db/tables.ts';
import { announceInvoiceStatus } from '../workflow/announce-invoice-status.ts';

/**
 * PAID once cleared payments cover the total, with the credits the ERP applied in them; back to
 * APPROVED when a void or failure uncovers it. Other statuses are not the payments' to change.
 */
function settledStatus(invoice: InvoiceRow, settled: Settled): InvoiceStatus {
  const covered = decimal(settled.paid).plus(settled.credited).greaterThanOrEqualTo(invoice.total);
  if (invoice.status === 'APPROVED' && covered) return 'PAID';
  if (invoice.status === 'PAID' && !covered) return 'APPROVED';
  return invoice.status;
}

/** Sets an approved invoice's status from what its cleared payments cover, announcing a change. */
export async function settleInvoice(tx: Transaction, invoice: InvoiceRow, occurredAt: Date): Promise<void> {
  const amounts = (await amountsSettled(tx, [invoice.id])).get(invoice.id) ?? NOTHING_SETTLED;
  const status = settledStatus(invoice, amounts);
  if (status === invoice.status) return;
  const [settled] = await tx.update(invoices).set({ status, updatedAt: occurredAt }).where(eq(invoices.id, invoice.id)).returning();
  await announceInvoiceStatus(tx, settled!);
  if (status === 'PAID') await recordFirstPayment(tx, invoice);
}

/** The end of the invoice cycle: paid for the first time (paid again after a void is the same cycle). */
async function recordFirstPayment(tx: Transaction, invoice: InvoiceRow): Promise<void> {
  if (await firstBusinessEventAt(tx, 'INVOICE_PAID', invoice.id)) return;
  const receivedAt = await firstBusinessEventAt(tx, 'INVOICE_RECEIVED', invoice.id);
  await recordBusinessEvent(tx, { kind: 'INVOICE_PAID', supplierId: invoice.supplierId, entityId: invoice.id, startedAt: receivedAt });
}
