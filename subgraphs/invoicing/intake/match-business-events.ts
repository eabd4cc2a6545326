import { eq } from 'drizzle-orm';
import { PERFECT_ORDER_BREAKERS, recordBusinessEvent } from '@procuregraph/platform/business';
import type { Transaction } from '@procuregraph/platform/db';
import { matchExceptions, type InvoiceRow, type MatchTrigger } from '../db/tables.ts';
import type { InvoiceToMatch, MatchFinding, MatchResult } from '../matching/match-context.ts';

const findingKey = (finding: Pick<MatchFinding, 'code' | 'lineNumber'>) => `${finding.code}:${finding.lineNumber ?? ''}`;

/** The exceptions earlier matches raised, decided or not, read before this match replaces the undecided ones. */
export async function raisedFindingKeys(tx: Transaction, invoiceId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ code: matchExceptions.code, lineNumber: matchExceptions.lineNumber })
    .from(matchExceptions)
    .where(eq(matchExceptions.invoiceId, invoiceId));
  return new Set(rows.map(findingKey));
}

/** Each order line the invoice bills, PERFECT unless an item, price or quantity exception is on it. */
async function recordLinesInvoiced(tx: Transaction, invoice: InvoiceRow, document: InvoiceToMatch, result: MatchResult): Promise<void> {
  if (invoice.purchaseOrderId === null) return;
  for (const lineNumber of [...new Set(document.lines.map((line) => line.lineNumber))].sort((a, b) => a - b)) {
    const broken = result.exceptions.some((finding) => finding.lineNumber === lineNumber && PERFECT_ORDER_BREAKERS.includes(finding.code));
    await recordBusinessEvent(tx, {
      kind: 'ORDER_LINE_INVOICED',
      supplierId: invoice.supplierId,
      entityId: invoice.purchaseOrderId,
      lineNumber,
      outcome: broken ? 'IMPERFECT' : 'PERFECT',
    });
  }
}

/**
 * The match as business facts: the match itself (first time when the invoice just arrived), each
 * exception it raised that no earlier match of the invoice had raised (a re-match finding the same
 * one again is not a new exception), and, on arrival, each order line the invoice bills.
 */
export async function recordMatchFacts(
  tx: Transaction,
  invoice: InvoiceRow,
  document: InvoiceToMatch,
  result: MatchResult,
  trigger: MatchTrigger,
  raisedBefore: ReadonlySet<string>,
): Promise<void> {
  const fact = { supplierId: invoice.supplierId, entityId: invoice.id };
  const firstTime = trigger === 'INTAKE';
  await recordBusinessEvent(tx, { ...fact, kind: 'INVOICE_MATCHED', outcome: result.outcome, firstTime });
  for (const finding of result.exceptions.filter((candidate) => !raisedBefore.has(findingKey(candidate)))) {
    await recordBusinessEvent(tx, {
      ...fact,
      kind: 'MATCH_EXCEPTION',
      code: finding.code,
      queue: finding.queue,
      lineNumber: finding.lineNumber,
    });
  }
  if (firstTime) await recordLinesInvoiced(tx, invoice, document, result);
}
