import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { type Database, type Transaction, isUuid, newId } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { decimal, formatAmount, formatDecimal, isDecimalString } from '@procuregraph/platform/money';
import { creditMemos, invoices, type CreditMemoRow } from '../db/tables.ts';
import { normalizedInvoiceNumber } from '../intake/invoice-number.ts';
import { isUniqueViolation } from '../intake/submit-invoice.ts';
import { creditBalance } from './expected-credit.ts';
import { awaitErpPush } from './ready-for-erp.ts';

export interface CreditMemoSubmission {
  invoiceId: string;
  creditMemoNumber: string;
  creditMemoDate: string;
  /** The credit, a positive amount in cents. */
  amount: string;
  idempotencyKey: string | null;
  /** The supplier a supplier caller acts for; null for finance, who may credit any invoice. */
  callerSupplierId: string | null;
}

export interface SubmitCreditMemoResult {
  creditMemo: CreditMemoRow | null;
  userErrors: UserError[];
}

function refused(field: string, code: string, message: string): SubmitCreditMemoResult {
  return { creditMemo: null, userErrors: [{ field: ['input', field], code, message }] };
}

function inputErrors(submission: CreditMemoSubmission): UserError[] {
  const errors: UserError[] = [];
  const at = (field: string, code: string, message: string) => errors.push({ field: ['input', field], code, message });
  if (submission.creditMemoNumber.trim() === '') at('creditMemoNumber', 'REQUIRED', 'creditMemoNumber is required');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(submission.creditMemoDate)) at('creditMemoDate', 'REQUIRED', 'creditMemoDate must be YYYY-MM-DD');
  const amount = submission.amount;
  if (!isDecimalString(amount) || !decimal(amount).greaterThan(0) || decimal(amount).decimalPlaces() > 2)
    at('amount', 'INVALID_AMOUNT', `amount must be a positive amount in cents, got ${JSON.stringify(amount)}`);
  return errors;
}

function digestOf(submission: CreditMemoSubmission): string {
  const { invoiceId, creditMemoNumber, creditMemoDate, amount } = submission;
  const content = { invoiceId, creditMemoNumber: creditMemoNumber.trim(), creditMemoDate, amount: formatDecimal(amount) };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

async function replayed(tx: Transaction, submission: CreditMemoSubmission, digest: string): Promise<SubmitCreditMemoResult | null> {
  if (submission.idempotencyKey === null) return null;
  const [earlier] = await tx.select().from(creditMemos).where(eq(creditMemos.idempotencyKey, submission.idempotencyKey));
  if (!earlier) return null;
  if (earlier.submissionDigest === digest) return { creditMemo: earlier, userErrors: [] };
  return refused('idempotencyKey', 'IDEMPOTENCY_KEY_REUSED', 'This idempotencyKey was used for a different credit memo');
}

async function store(tx: Transaction, submission: CreditMemoSubmission, digest: string): Promise<SubmitCreditMemoResult> {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, submission.invoiceId)).for('update');
  // Another supplier's invoice reads as missing, so a supplier learns nothing of it.
  if (!invoice || (submission.callerSupplierId !== null && invoice.supplierId !== submission.callerSupplierId))
    return refused('invoiceId', 'INVOICE_NOT_FOUND', `No invoice ${submission.invoiceId}`);
  const key = normalizedInvoiceNumber(submission.creditMemoNumber);
  const [duplicate] = await tx
    .select({ creditMemoNumber: creditMemos.creditMemoNumber })
    .from(creditMemos)
    .where(and(eq(creditMemos.supplierId, invoice.supplierId), eq(creditMemos.creditMemoNumberKey, key)));
  if (duplicate)
    return refused('creditMemoNumber', 'DUPLICATE_CREDIT_MEMO', `The supplier already has credit memo ${duplicate.creditMemoNumber}`);
  const balance = await creditBalance(tx, invoice);
  if (balance.expected.isZero())
    return refused('invoiceId', 'NO_CREDIT_MEMO_REQUESTED', `No credit memo was requested on invoice ${invoice.invoiceNumber}`);
  if (decimal(submission.amount).greaterThan(balance.outstanding))
    return refused(
      'amount',
      'OVER_CREDIT',
      `Invoice ${invoice.invoiceNumber} expects ${formatAmount(balance.outstanding, invoice.currency)} more credit`,
    );
  const [creditMemo] = await tx
    .insert(creditMemos)
    .values({
      id: newId(),
      invoiceId: invoice.id,
      supplierId: invoice.supplierId,
      creditMemoNumber: submission.creditMemoNumber.trim(),
      creditMemoNumberKey: key,
      creditMemoDate: submission.creditMemoDate,
      amount: decimal(submission.amount).toFixed(),
      currency: invoice.currency,
      idempotencyKey: submission.idempotencyKey,
      submissionDigest: digest,
    })
    .returning();
  await awaitErpPush(tx, creditMemo!, invoice);
  return { creditMemo: creditMemo!, userErrors: [] };
}

function attempt(db: Database, submission: CreditMemoSubmission, digest: string): Promise<SubmitCreditMemoResult> {
  return db.transaction(async (tx) => (await replayed(tx, submission, digest)) ?? store(tx, submission, digest));
}

/**
 * Takes in a credit memo against an invoice on which finance requested one, up to the credit
 * still expected, and queues it for ERP payables (at once, or when its invoice gets there). The invoice row lock
 * serialises memos of one invoice; the unique indexes settle races on a number or a key, after
 * which a second attempt gives the replay or the user error.
 */
export async function submitCreditMemo(db: Database, submission: CreditMemoSubmission): Promise<SubmitCreditMemoResult> {
  if (!isUuid(submission.invoiceId)) return refused('invoiceId', 'INVOICE_NOT_FOUND', `No invoice ${submission.invoiceId}`);
  const userErrors = inputErrors(submission);
  if (userErrors.length > 0) return { creditMemo: null, userErrors };
  const digest = digestOf(submission);
  try {
    return await attempt(db, submission, digest);
  } catch (error) {
    if (isUniqueViolation(error)) return attempt(db, submission, digest);
    throw error;
  }
}
