import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { recordBusinessEvent } from '@procuregraph/platform/business';
import { type Queryable, newId, recordJourneyStep } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { decimal, formatDecimal } from '@procuregraph/platform/money';
import { lockMatchFacts } from '../db/advisory-locks.ts';
import { invoiceLines, invoices, invoicingSchema, purchaseOrderProjections, type InvoiceRow } from '../db/tables.ts';
import { announceInvoiceStatus } from '../workflow/announce-invoice-status.ts';
import { invoiceTotal, lineAmount } from './invoice-amounts.ts';
import { normalizedInvoiceNumber } from './invoice-number.ts';
import { recordMatch } from './record-match.ts';
import { submissionErrors, type InvoiceSubmission } from './submission.ts';

export interface SubmitInvoiceResult {
  invoice: InvoiceRow | null;
  userErrors: UserError[];
}

/** What identifies a submission's content, so a retried one is recognised and a changed one refused. */
function digestOf(submission: InvoiceSubmission): string {
  const { idempotencyKey: _key, taxAmount, freightAmount, ...content } = submission;
  const lines = content.lines.map((line) => ({
    ...line,
    quantity: formatDecimal(line.quantity),
    unitPrice: formatDecimal(line.unitPrice),
  }));
  // Without tax or freight the digest is what it was before invoices carried them, so those keys still replay.
  const charges =
    decimal(taxAmount).isZero() && decimal(freightAmount).isZero()
      ? {}
      : { taxAmount: formatDecimal(taxAmount), freightAmount: formatDecimal(freightAmount) };
  return createHash('sha256')
    .update(JSON.stringify({ ...content, lines, ...charges }))
    .digest('hex');
}

async function earlierSubmission(db: Queryable, submission: InvoiceSubmission, digest: string): Promise<SubmitInvoiceResult | null> {
  if (submission.idempotencyKey !== null) {
    const [earlier] = await db.select().from(invoices).where(eq(invoices.idempotencyKey, submission.idempotencyKey));
    if (earlier && earlier.submissionDigest === digest) return { invoice: earlier, userErrors: [] };
    if (earlier) {
      return {
        invoice: null,
        userErrors: [
          {
            field: ['input', 'idempotencyKey'],
            code: 'IDEMPOTENCY_KEY_REUSED',
            message: 'This idempotencyKey was used for a different invoice',
          },
        ],
      };
    }
  }
  if (submission.vendorPlatformInvoiceId !== null) {
    const [earlier] = await db.select().from(invoices).where(eq(invoices.vendorPlatformInvoiceId, submission.vendorPlatformInvoiceId));
    if (earlier) return { invoice: earlier, userErrors: [] };
  }
  return null;
}

function refused(field: string, code: string, message: string): SubmitInvoiceResult {
  return { invoice: null, userErrors: [{ field: ['input', field], code, message }] };
}

/** What the invoice may not claim: another supplier's order, or a number the supplier already billed under. */
async function conflicts(db: Queryable, submission: InvoiceSubmission): Promise<SubmitInvoiceResult | null> {
  if (submission.purchaseOrderId !== null) {
    const [order] = await db
      .select({ supplierId: purchaseOrderProjections.supplierId })
      .from(purchaseOrderProjections)
      .where(eq(purchaseOrderProjections.purchaseOrderId, submission.purchaseOrderId));
    if (order && order.supplierId !== submission.supplierId)
      return refused('purchaseOrderId', 'PURCHASE_ORDER_OF_ANOTHER_SUPPLIER', 'The purchase order was placed with another supplier');
  }
  const [live] = await db
    .select({ invoiceNumber: invoices.invoiceNumber })
    .from(invoices)
    .where(
      and(eq(invoices.supplierId, submission.supplierId), eq(invoices.invoiceNumberKey, normalizedInvoiceNumber(submission.invoiceNumber))),
    );
  return live ? refused('invoiceNumber', 'DUPLICATE_INVOICE', `The supplier already has invoice ${live.invoiceNumber}`) : null;
}

function storeAndMatch(db: Queryable, submission: InvoiceSubmission, digest: string, priceTolerancePct: number): Promise<InvoiceRow> {
  return db.transaction(async (tx) => {
    // Taken first so the arrival sorts before the invoice's own steps of this transaction (they share its `at`).
    const arrivalStepId = newId();
    await lockMatchFacts(tx, 'supplier', submission.supplierId);
    if (submission.purchaseOrderId !== null) await lockMatchFacts(tx, 'order', submission.purchaseOrderId);
    const [invoice] = await tx
      .insert(invoices)
      .values({
        id: newId(),
        supplierId: submission.supplierId,
        purchaseOrderId: submission.purchaseOrderId,
        invoiceNumber: submission.invoiceNumber.trim(),
        invoiceNumberKey: normalizedInvoiceNumber(submission.invoiceNumber),
        invoiceDate: submission.invoiceDate,
        currency: submission.currency,
        total: invoiceTotal(submission.lines).plus(submission.taxAmount).plus(submission.freightAmount).toFixed(),
        taxAmount: submission.taxAmount,
        freightAmount: submission.freightAmount,
        status: 'RECEIVED',
        source: submission.source,
        idempotencyKey: submission.idempotencyKey,
        submissionDigest: digest,
        vendorPlatformInvoiceId: submission.vendorPlatformInvoiceId,
      })
      .returning();
    if (submission.arrival)
      await recordJourneyStep(tx, {
        id: arrivalStepId,
        entityId: invoice!.id,
        service: invoicingSchema.schemaName,
        ...submission.arrival,
        outcome: 'SUCCEEDED',
      });
    const lines = submission.lines.map((line, index) => ({
      invoiceId: invoice!.id,
      position: index + 1,
      ...line,
      amount: lineAmount(line.quantity, line.unitPrice).toFixed(),
    }));
    await tx.insert(invoiceLines).values(lines);
    // Where the invoice cycle time starts.
    await recordBusinessEvent(tx, { kind: 'INVOICE_RECEIVED', supplierId: invoice!.supplierId, entityId: invoice!.id });
    const matched = await recordMatch(tx, invoice!, submission, priceTolerancePct, 'INTAKE');
    await announceInvoiceStatus(tx, matched);
    return matched;
  });
}

/** A unique index refused the write: another submission got there first. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; cause?: { code?: unknown } };
  return candidate.code === '23505' || candidate.cause?.code === '23505';
}

/**
 * Stores a submitted invoice and matches it at once. Every usable submission leaves an invoice
 * behind (match failures are exceptions on it); a repeat of the same submission, by idempotency
 * key or portal id, returns the invoice stored the first time, even when both raced. Another
 * submission of a number the supplier already billed under is refused (DUPLICATE_INVOICE), by
 * the database's unique index when two race. Works inside a caller's transaction too (an
 * inbound event's), as a savepoint.
 */
export async function submitInvoice(db: Queryable, submission: InvoiceSubmission, priceTolerancePct: number): Promise<SubmitInvoiceResult> {
  const userErrors = submissionErrors(submission);
  if (userErrors.length > 0) return { invoice: null, userErrors };
  const digest = digestOf(submission);
  const earlier = (await earlierSubmission(db, submission, digest)) ?? (await conflicts(db, submission));
  if (earlier) return earlier;
  try {
    return { invoice: await storeAndMatch(db, submission, digest, priceTolerancePct), userErrors: [] };
  } catch (error) {
    const raced = isUniqueViolation(error)
      ? ((await earlierSubmission(db, submission, digest)) ?? (await conflicts(db, submission)))
      : null;
    if (raced) return raced;
    throw error;
  }
}
