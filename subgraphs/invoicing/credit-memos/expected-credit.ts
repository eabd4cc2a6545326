import { decimal, isDecimalString, sum, type ExactDecimal } from '@procuregraph/platform/money';
import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@procuregraph/platform/db';
import {
  creditMemos,
  invoiceLines,
  matchExceptions,
  type CreditMemoRow,
  type InvoiceLineRow,
  type InvoiceRow,
  type MatchExceptionRow,
} from '../db/tables.ts';
import { lineAmount } from '../intake/invoice-amounts.ts';

type Line = Pick<InvoiceLineRow, 'lineNumber' | 'quantity' | 'unitPrice' | 'amount'>;

const PRICE_CODES: readonly string[] = ['PRICE_VARIANCE', 'CONTRACT_PRICE_VARIANCE'];
const QUANTITY_CODES: readonly string[] = ['QUANTITY_VARIANCE', 'NOT_RECEIVED'];

function linesOf(lines: readonly Line[], lineNumber: number | null): Line[] {
  return lines.filter((line) => line.lineNumber === lineNumber);
}

/** What the invoice billed above the right price: each line billed at the flagged price, at its amount less the amount at the expected price. */
function priceCredit(exception: MatchExceptionRow, lines: readonly Line[]): ExactDecimal {
  const billed = linesOf(lines, exception.lineNumber).filter((line) => decimal(line.unitPrice).equals(exception.actual!));
  return sum(billed.map((line) => decimal(line.amount).minus(lineAmount(line.quantity, exception.expected!)))).abs();
}

/** The quantity billed beyond what was ordered or received (at most what this invoice billed on the line), at the line's highest unit price. */
function quantityCredit(exception: MatchExceptionRow, lines: readonly Line[]): ExactDecimal {
  const billed = linesOf(lines, exception.lineNumber);
  const billedHere = sum(billed.map((line) => line.quantity));
  const excess = smaller(decimal(exception.actual!).minus(exception.expected!), billedHere);
  const unitPrice = billed.reduce((highest, line) => (decimal(line.unitPrice).greaterThan(highest) ? line.unitPrice : highest), '0');
  return lineAmount(excess.toFixed(), unitPrice);
}

function smaller(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return a.lessThan(b) ? a : b;
}

function hasAmounts(exception: MatchExceptionRow): boolean {
  return (
    exception.expected !== null && exception.actual !== null && isDecimalString(exception.expected) && isDecimalString(exception.actual)
  );
}

/**
 * The credit one exception resolved by "credit memo requested" expects: its variance amount.
 * Price variances (against the order or the contract): the billed amount less the amount at the
 * expected price. Quantity variances and quantities not received: the excess quantity at the
 * invoice's unit price. Tax and freight over the allowance: the excess. An exception without an
 * amount to compare (no order, no contract price, an expired contract, an inactive supplier, a
 * duplicate): what the invoice billed on its line, or the whole invoice when it names no line.
 */
function creditOf(exception: MatchExceptionRow, invoice: InvoiceRow, lines: readonly Line[]): ExactDecimal {
  if (hasAmounts(exception) && PRICE_CODES.includes(exception.code)) return priceCredit(exception, lines);
  if (hasAmounts(exception) && QUANTITY_CODES.includes(exception.code)) return quantityCredit(exception, lines);
  if (hasAmounts(exception) && exception.code === 'TAX_FREIGHT_OVER_ALLOWANCE')
    return decimal(exception.actual!).minus(exception.expected!);
  if (exception.lineNumber !== null) return sum(linesOf(lines, exception.lineNumber).map((line) => line.amount));
  return decimal(invoice.total);
}

/** The credit an invoice's "credit memo requested" resolutions expect in all; 0 when none asked for one. */
export function expectedCredit(invoice: InvoiceRow, exceptions: readonly MatchExceptionRow[], lines: readonly Line[]): ExactDecimal {
  const requested = exceptions.filter((exception) => exception.resolution === 'CREDIT_MEMO_REQUESTED');
  // Two invoice lines at one flagged price give two findings: the lines are counted once.
  const distinct = new Map(requested.map((exception) => [`${exception.code}/${exception.lineNumber}/${exception.actual}`, exception]));
  return sum([...distinct.values()].map((exception) => creditOf(exception, invoice, lines)));
}

export interface CreditBalance {
  expected: ExactDecimal;
  received: ExactDecimal;
  /** What is still to come: expected less received, never below 0. */
  outstanding: ExactDecimal;
}

/** The invoice's requested credit and what its credit memos brought so far, from rows already read. */
export function balanceOf(
  invoice: InvoiceRow,
  exceptions: readonly MatchExceptionRow[],
  lines: readonly Line[],
  memos: readonly Pick<CreditMemoRow, 'amount'>[],
): CreditBalance {
  const expected = expectedCredit(invoice, exceptions, lines);
  const received = sum(memos.map((memo) => memo.amount));
  const outstanding = expected.minus(received);
  return { expected, received, outstanding: outstanding.isNegative() ? decimal('0') : outstanding };
}

/** The invoice's credit balance read in one transaction (approval and memo intake decide on it). */
export async function creditBalance(db: Queryable, invoice: InvoiceRow): Promise<CreditBalance> {
  const exceptions = await db.select().from(matchExceptions).where(eq(matchExceptions.invoiceId, invoice.id));
  const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id));
  const memos = await creditMemosOfInvoices(db, [invoice.id]);
  return balanceOf(invoice, exceptions, lines, memos);
}

/** The credit memos of several invoices, each invoice's oldest first. */
export function creditMemosOfInvoices(db: Queryable, invoiceIds: readonly string[]): Promise<CreditMemoRow[]> {
  return db
    .select()
    .from(creditMemos)
    .where(inArray(creditMemos.invoiceId, [...invoiceIds]))
    .orderBy(creditMemos.invoiceId, creditMemos.createdAt, creditMemos.id);
}
