import { eq } from 'drizzle-orm';
import type { Transaction } from '@procuregraph/platform/db/database';
import { newId } from '@procuregraph/platform/db/ids';
import { loadMatchContext } from '../db/match-context.ts';
import { invoices, matchExceptions, type InvoiceRow } from '../db/tables.ts';
import { matchInvoice } from '../matching/match-invoice.ts';
import type { InvoiceToMatch } from '../matching/match-context.ts';

/** Matches a stored invoice and writes the outcome (status, exceptions) in the caller's transaction. */
export async function recordMatch(tx: Transaction, invoice: InvoiceRow, document: InvoiceToMatch, priceTolerancePct: number): Promise<InvoiceRow> {
  const context = await loadMatchContext(tx, invoice, priceTolerancePct);
  const result = matchInvoice(document, context);
  const matchedAt = new Date();
  for (const exception of result.exceptions) {
    await tx.insert(matchExceptions).values({ id: newId(), invoiceId: invoice.id, ...exception, createdAt: matchedAt });
  }
  const [matched] = await tx
    .update(invoices)
    .set({ status: result.outcome, matchOutcome: result.outcome, matchedAt, updatedAt: matchedAt })
    .where(eq(invoices.id, invoice.id))
    .returning();
  return matched!;
}
