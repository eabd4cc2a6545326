import { and, eq, isNull } from 'drizzle-orm';
import { type Transaction, newId, recordJourneyStep } from '@procuregraph/platform/db';
import { loadMatchContext } from '../db/match-context.ts';
import { invoices, invoicingSchema, matchEvaluations, matchExceptions, type InvoiceRow, type MatchTrigger } from '../db/tables.ts';
import { matchInvoice } from '../matching/match-invoice.ts';
import type { InvoiceToMatch } from '../matching/match-context.ts';
import { raisedFindingKeys, recordMatchFacts } from './match-business-events.ts';

/**
 * Matches a stored invoice and writes the outcome in the caller's transaction: status, the
 * exceptions finance has still to decide (they replace the undecided ones of an earlier match;
 * decided ones stay), one more entry in the match history saying why it was matched, the
 * match as a step of the invoice's journey, and its business facts.
 */
export async function recordMatch(
  tx: Transaction,
  invoice: InvoiceRow,
  document: InvoiceToMatch,
  priceTolerancePct: number,
  trigger: MatchTrigger,
): Promise<InvoiceRow> {
  const context = await loadMatchContext(tx, invoice, document, priceTolerancePct);
  const result = matchInvoice(document, context);
  const matchedAt = new Date();
  const raisedBefore = await raisedFindingKeys(tx, invoice.id);
  await tx.delete(matchExceptions).where(and(eq(matchExceptions.invoiceId, invoice.id), isNull(matchExceptions.resolution)));
  for (const exception of result.exceptions) {
    await tx.insert(matchExceptions).values({ id: newId(), invoiceId: invoice.id, ...exception, createdAt: matchedAt });
  }
  await tx.insert(matchEvaluations).values({
    id: newId(),
    invoiceId: invoice.id,
    trigger,
    outcome: result.outcome,
    exceptionCodes: result.exceptions.map((exception) => exception.code),
    contractId: result.contractId,
    evaluatedAt: matchedAt,
  });
  const codes = result.exceptions.map((exception) => exception.code);
  await recordJourneyStep(tx, {
    entityId: invoice.id,
    service: invoicingSchema.schemaName,
    system: 'PROCUREGRAPH',
    action: `match (${trigger}): ${[result.outcome, ...codes].join(' ')}`,
    outcome: 'SUCCEEDED',
    at: matchedAt,
  });
  await recordMatchFacts(tx, invoice, document, result, trigger, raisedBefore);
  const [matched] = await tx
    .update(invoices)
    .set({ status: result.outcome, matchOutcome: result.outcome, matchedAt, matchContractId: result.contractId, updatedAt: matchedAt })
    .where(eq(invoices.id, invoice.id))
    .returning();
  return matched!;
}
