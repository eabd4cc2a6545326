import { eq } from 'drizzle-orm';
import type { Database, Transaction } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { announceInvoiceStatus } from './announce-invoice-status.ts';
import { invoices, matchExceptions, type ExceptionResolution, type InvoiceRow, type MatchExceptionRow } from '../db/tables.ts';

export type ResolutionAction = 'OVERRIDE' | 'REJECT' | 'REQUEST_CREDIT_MEMO';

const RESOLUTION_OF: Readonly<Record<ResolutionAction, ExceptionResolution>> = {
  OVERRIDE: 'OVERRIDDEN',
  REJECT: 'REJECTED',
  REQUEST_CREDIT_MEMO: 'CREDIT_MEMO_REQUESTED',
};

export interface Resolution {
  exceptionId: string;
  action: ResolutionAction;
  reason: string;
  /** Who decided: the caller's subject. */
  resolvedBy: string;
}

export interface ResolutionResult {
  exception: MatchExceptionRow | null;
  invoice: InvoiceRow | null;
  userErrors: UserError[];
}

function refused(
  code: string,
  field: string,
  message: string,
  exception: MatchExceptionRow | null = null,
  invoice: InvoiceRow | null = null,
): ResolutionResult {
  return { exception, invoice, userErrors: [{ field: ['input', field], code, message }] };
}

/** A rejection rejects the whole invoice and frees its number for a corrected one; other resolutions leave it waiting for approval. */
async function applyToInvoice(tx: Transaction, invoiceId: string, action: ResolutionAction): Promise<InvoiceRow> {
  if (action === 'REJECT') {
    const [rejected] = await tx
      .update(invoices)
      .set({ status: 'REJECTED', invoiceNumberKey: null, updatedAt: new Date() })
      .where(eq(invoices.id, invoiceId))
      .returning();
    await announceInvoiceStatus(tx, rejected!);
    return rejected!;
  }
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
  return invoice!;
}

/** Records a finance decision on one exception: what, who, why and when. An exception is resolved once. */
export function resolveMatchException(db: Database, resolution: Resolution): Promise<ResolutionResult> {
  if (resolution.reason.trim() === '') return Promise.resolve(refused('REQUIRED', 'reason', 'A reason is required'));
  return db.transaction(async (tx) => {
    const [exception] = await tx.select().from(matchExceptions).where(eq(matchExceptions.id, resolution.exceptionId)).for('update');
    if (!exception) return refused('NOT_FOUND', 'exceptionId', `No match exception ${resolution.exceptionId}`);
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, exception.invoiceId)).for('update');
    if (exception.resolution !== null)
      return refused('ALREADY_RESOLVED', 'exceptionId', `The exception was already ${exception.resolution}`, exception, invoice);
    if (invoice!.status !== 'EXCEPTION')
      return refused('INVALID_STATE', 'exceptionId', `Invoice ${invoice!.invoiceNumber} is ${invoice!.status}`, exception, invoice);
    const [resolved] = await tx
      .update(matchExceptions)
      .set({
        resolution: RESOLUTION_OF[resolution.action],
        resolvedBy: resolution.resolvedBy,
        resolutionReason: resolution.reason.trim(),
        resolvedAt: new Date(),
      })
      .where(eq(matchExceptions.id, exception.id))
      .returning();
    return { exception: resolved!, invoice: await applyToInvoice(tx, exception.invoiceId, resolution.action), userErrors: [] };
  });
}
