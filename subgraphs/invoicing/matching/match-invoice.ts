import type { InvoiceToMatch, MatchContext, MatchResult } from './match-context.ts';
import { contractFindings } from './contract-rules.ts';
import { invoiceFindings } from './invoice-rules.ts';
import { lineFindings } from './line-rules.ts';

/** Runs every rule; each failed rule is one exception, and any exception makes the outcome EXCEPTION. */
export function matchInvoice(invoice: InvoiceToMatch, context: MatchContext): MatchResult {
  const exceptions = [...invoiceFindings(invoice, context), ...lineFindings(invoice.lines, context), ...contractFindings(invoice, context)];
  return { outcome: exceptions.length === 0 ? 'MATCHED' : 'EXCEPTION', exceptions, contractId: context.contract?.contractId ?? null };
}
