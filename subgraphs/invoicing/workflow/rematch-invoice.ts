import { and, eq, exists, inArray, isNotNull, not, type SQL } from 'drizzle-orm';
import type { Database, Transaction } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { invoiceLines, invoices, matchExceptions, outbox, type InvoiceRow, type MatchTrigger } from '../db/tables.ts';
import { invoiceRematchRequested } from '../events.ts';
import { recordMatch } from '../intake/record-match.ts';
import { announceInvoiceStatus } from './announce-invoice-status.ts';

/** Statuses a later fact may still change: not yet matched, or waiting on an exception. */
const OPEN_TO_REMATCH = ['RECEIVED', 'EXCEPTION'] as const;

/** Once finance has decided an exception, the invoice is theirs: later facts no longer re-match it. */
function undecided(tx: Transaction): SQL {
  return not(
    exists(
      tx
        .select({ id: matchExceptions.id })
        .from(matchExceptions)
        .where(and(eq(matchExceptions.invoiceId, invoices.id), isNotNull(matchExceptions.resolution))),
    ),
  );
}

/**
 * Called in the transaction that projected a new fact: each open invoice it may concern gets an
 * `invoice.rematch_requested` event, so it is matched again by a job once the fact committed.
 */
export async function requestRematch(tx: Transaction, concerned: SQL, trigger: MatchTrigger): Promise<void> {
  const open = await tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(concerned, inArray(invoices.status, [...OPEN_TO_REMATCH]), undecided(tx)));
  for (const invoice of open) {
    await appendToOutbox(tx, outbox, {
      topic: invoiceRematchRequested.name,
      aggregateId: invoice.id,
      payload: { invoiceId: invoice.id, trigger },
    });
  }
}

async function rematchOpenInvoice(tx: Transaction, invoice: InvoiceRow, priceTolerancePct: number, trigger: MatchTrigger): Promise<void> {
  const lines = await tx.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(invoiceLines.position);
  const matched = await recordMatch(tx, invoice, { ...invoice, lines }, priceTolerancePct, trigger);
  if (matched.status !== invoice.status) await announceInvoiceStatus(tx, matched);
}

/** The job behind `invoice.rematch_requested`: matches the invoice again if it is still open to it; a repeat only adds a history entry. */
export async function rematchInvoice(db: Database, priceTolerancePct: number, job: Pick<JobContext, 'payload'>): Promise<void> {
  const { invoiceId, trigger } = invoiceRematchRequested.parse(job.payload);
  await db.transaction(async (tx) => {
    const [invoice] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.id, invoiceId), inArray(invoices.status, [...OPEN_TO_REMATCH]), undecided(tx)))
      .for('update');
    if (invoice) await rematchOpenInvoice(tx, invoice, priceTolerancePct, trigger);
  });
}
