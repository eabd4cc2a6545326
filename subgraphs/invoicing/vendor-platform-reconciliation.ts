import { and, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { ShownPayment, VendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import { isUuid, type Database, type Transaction } from '@procuregraph/platform/db';
import { markSyncPending } from '@procuregraph/platform/jobs';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import {
  canonicalPageOf,
  compareCursorPage,
  decimalField,
  fieldMismatches,
  missingInCanonical,
  missingInSystem,
  PROCUREGRAPH,
  type CanonicalPage,
  type Checkpoint,
  type ComparedPage,
  type ComparedRecord,
  type FindingInput,
  type ReconciliationComparer,
  type StoredFinding,
} from '@procuregraph/platform/reconciliation';
import type { CallPolicy } from '@procuregraph/platform/resilience';
import { outbox, payments, syncStatus, type PaymentRow } from './db/tables.ts';
import { paymentPortalRepublishRequested } from './events.ts';

/**
 * Invoicing's part of a vendor-platform reconciliation: the payments the supplier portal shows
 * (status, amount) against the canonical payments sent there. Procuregraph is the record for what
 * the portal shows (it passes the ERP's payment status on), so a payment shown otherwise, or
 * missing, is shown again through the outbox (`republish-payment-status`, the portal's PUT is an
 * upsert); one the portal shows that the graph does not know is left to a person.
 */

const PAGE_SIZE = 200;

const paymentKey = (paymentId: string) => `portal-payment:${paymentId}`;

/** `shownAs`: the id the portal shows it under (ours), null when the portal does not show it. */
const paymentRecord = (paymentId: string, shownAs: string | null): ComparedRecord => ({
  recordType: 'PAYMENT',
  recordKey: paymentKey(paymentId),
  externalId: shownAs,
  systemOfRecord: PROCUREGRAPH,
});

/** Asks for the canonical status to be shown again, as of now, so the portal's last write is ours. */
async function showAgain(tx: Transaction, finding: StoredFinding): Promise<'REPAIRED' | 'OPEN'> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, finding.recordId!));
  if (!payment) return 'OPEN';
  await markSyncPending(tx, syncStatus, payment.id, 'VENDOR_PLATFORM');
  await appendToOutbox(tx, outbox, {
    topic: paymentPortalRepublishRequested.name,
    aggregateId: payment.id,
    payload: {
      paymentId: payment.id,
      invoiceId: payment.invoiceId,
      supplierId: payment.supplierId,
      previousStatus: payment.status,
      status: payment.status,
      occurredAt: new Date().toISOString(),
    },
  });
  return 'REPAIRED';
}

function comparePayment(shown: ShownPayment, canonical: PaymentRow | undefined): FindingInput[] {
  const record = paymentRecord(shown.externalId, shown.externalId);
  if (!canonical) return [missingInCanonical(record, `${shown.status} ${shown.amount.value} ${shown.amount.currency}`)];
  return fieldMismatches(
    record,
    canonical.id,
    [['status', canonical.status, shown.status], decimalField('amount', canonical.amount, shown.amount.value)],
    showAgain,
  );
}

export function portalPaymentComparer(db: Database, portal: VendorPlatformClient, policy: CallPolicy): ReconciliationComparer {
  return {
    comparePage: (checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> =>
      compareCursorPage(
        {
          read: (cursor, pageSignal) =>
            policy.execute((callSignal) => portal.shownPaymentsPage(cursor, PAGE_SIZE, pageSignal ?? callSignal)),
          canonicalOf: async (items) => {
            const ids = items.map((item) => item.externalId).filter(isUuid);
            const rows = ids.length === 0 ? [] : await db.select().from(payments).where(inArray(payments.id, ids));
            return new Map(rows.map((row) => [row.id, row]));
          },
          itemId: (item) => item.externalId,
          recordKey: (item) => paymentKey(item.externalId),
          compare: comparePayment,
        },
        checkpoint,
        signal,
      ),

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await db
        .select({ id: payments.id, status: payments.status })
        .from(payments)
        .where(and(isNotNull(payments.portalStatusAt), afterKey === null ? undefined : gt(payments.id, afterKey)))
        .orderBy(payments.id)
        .limit(PAGE_SIZE);
      return canonicalPageOf(
        rows,
        PAGE_SIZE,
        (row) => row.id,
        (row) => missingInSystem(paymentRecord(row.id, null), row.id, row.status, showAgain),
      );
    },
  };
}
