import { gt, inArray, isNotNull, and } from 'drizzle-orm';
import type { ErpClient, PayablesInvoice, Payment } from '@procuregraph/connector-erp';
import type { Database, Transaction } from '@procuregraph/platform/db';
import {
  canonicalPageOf,
  decimalField,
  fieldMismatches,
  missingInCanonical,
  missingInSystem,
  PROCUREGRAPH,
  type CanonicalPage,
  type Checkpoint,
  type ComparedField,
  type ComparedPage,
  type ComparedRecord,
  type FindingInput,
  type ReconciliationComparer,
} from '@procuregraph/platform/reconciliation';
import type { CallPolicy } from '@procuregraph/platform/resilience';
import { invoices, payments, type InvoiceRow, type PaymentRow } from './db/tables.ts';
import { paymentFromErp, type ErpPaymentSnapshot } from './erp-mapping.ts';
import { applyErpPayment } from './payments/apply-erp-payment.ts';

/**
 * Invoicing's part of an ERP reconciliation: the ERP's payables payments against the canonical
 * payments. The ERP is the record for a payment (status, amount), so drift is pulled: the payment
 * is applied as if its event had arrived, which updates the graph, settles its invoices and sends
 * the status on to the supplier portal through the outbox. A canonical payment the ERP no longer
 * has is left to a person.
 */

const PAGE_SIZE = 200;

const paymentKey = (erpPaymentId: string) => `payment:${erpPaymentId}`;

const paymentRecord = (erpPaymentId: string): ComparedRecord => ({
  recordType: 'PAYMENT',
  recordKey: paymentKey(erpPaymentId),
  externalId: erpPaymentId,
  systemOfRecord: 'ERP',
});

function pull(snapshot: ErpPaymentSnapshot) {
  return async (tx: Transaction) => ((await applyErpPayment(tx, snapshot, new Date())) ? ('REPAIRED' as const) : ('OPEN' as const));
}

function comparePayment(erp: Payment, canonical: PaymentRow | undefined): FindingInput[] {
  let snapshot: ErpPaymentSnapshot;
  try {
    snapshot = paymentFromErp(erp);
  } catch {
    // A status the canonical model has no name for cannot be compared; the feed logs the same payment.
    return [];
  }
  const record = paymentRecord(erp.PaymentId);
  if (!canonical) return [missingInCanonical(record, `${snapshot.status} ${snapshot.amount} ${snapshot.currency}`, pull(snapshot))];
  return fieldMismatches(
    record,
    canonical.id,
    [['status', canonical.status, snapshot.status], decimalField('amount', canonical.amount, snapshot.amount)],
    pull(snapshot),
  );
}

export function erpPaymentComparer(db: Database, erp: ErpClient, policy: CallPolicy): ReconciliationComparer {
  return {
    async comparePage(checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> {
      const offset = Number(checkpoint?.offset ?? 0);
      const page = await policy.execute((callSignal) => erp.paymentsPage(offset, PAGE_SIZE, signal ?? callSignal));
      const ids = page.items.map((item) => item.PaymentId);
      const rows = ids.length === 0 ? [] : await db.select().from(payments).where(inArray(payments.erpPaymentId, ids));
      const byId = new Map(rows.map((row) => [row.erpPaymentId!, row]));
      return {
        compared: page.items.length,
        seenKeys: ids.map(paymentKey),
        findings: page.items.flatMap((item) => comparePayment(item, byId.get(item.PaymentId))),
        next: page.hasMore ? { offset: offset + page.items.length } : null,
      };
    },

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await db
        .select({ id: payments.id, erpPaymentId: payments.erpPaymentId, status: payments.status })
        .from(payments)
        .where(and(isNotNull(payments.erpPaymentId), afterKey === null ? undefined : gt(payments.erpPaymentId, afterKey)))
        .orderBy(payments.erpPaymentId)
        .limit(PAGE_SIZE);
      return canonicalPageOf(
        rows,
        PAGE_SIZE,
        (row) => row.erpPaymentId!,
        (row) => missingInSystem(paymentRecord(row.erpPaymentId!), row.id, row.status),
      );
    },
  };
}

const invoiceKey = (erpInvoiceId: string) => `invoice:${erpInvoiceId}`;

const invoiceRecord = (erpInvoiceId: string): ComparedRecord => ({
  recordType: 'INVOICE',
  recordKey: invoiceKey(erpInvoiceId),
  externalId: erpInvoiceId,
  systemOfRecord: PROCUREGRAPH,
});

/**
 * An invoice in ERP payables against the canonical one it was sent as. Procuregraph is the record
 * for an invoice it matched and approved, but a payables invoice is not changed by integration
 * (sending it again would make a second one): a cancelled or re-keyed invoice is left to a person.
 * Paid or not is the payments' to say; they are compared above.
 */
function compareInvoice(erp: PayablesInvoice, canonical: InvoiceRow | undefined): FindingInput[] {
  const record = invoiceRecord(erp.InvoiceId);
  if (!canonical) return [missingInCanonical(record, `${erp.InvoiceNumber} ${erp.InvoiceAmount} ${erp.InvoiceCurrency}`)];
  const cancelled: ComparedField[] = erp.CanceledFlag ? [['status', canonical.status, 'CANCELLED']] : [];
  return fieldMismatches(record, canonical.id, [...cancelled, decimalField('amount', canonical.total, erp.InvoiceAmount)]);
}

export function erpInvoiceComparer(db: Database, erp: ErpClient, policy: CallPolicy): ReconciliationComparer {
  return {
    async comparePage(checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> {
      const offset = Number(checkpoint?.offset ?? 0);
      const page = await policy.execute((callSignal) => erp.invoicesPage(offset, PAGE_SIZE, signal ?? callSignal));
      const ids = page.items.map((item) => item.InvoiceId);
      const rows = ids.length === 0 ? [] : await db.select().from(invoices).where(inArray(invoices.erpInvoiceId, ids));
      const byId = new Map(rows.map((row) => [row.erpInvoiceId!, row]));
      return {
        compared: page.items.length,
        seenKeys: ids.map(invoiceKey),
        findings: page.items.flatMap((item) => compareInvoice(item, byId.get(item.InvoiceId))),
        next: page.hasMore ? { offset: offset + page.items.length } : null,
      };
    },

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await db
        .select({ id: invoices.id, erpInvoiceId: invoices.erpInvoiceId, invoiceNumber: invoices.invoiceNumber })
        .from(invoices)
        .where(and(isNotNull(invoices.erpInvoiceId), afterKey === null ? undefined : gt(invoices.erpInvoiceId, afterKey)))
        .orderBy(invoices.erpInvoiceId)
        .limit(PAGE_SIZE);
      return canonicalPageOf(
        rows,
        PAGE_SIZE,
        (row) => row.erpInvoiceId!,
        (row) => missingInSystem(invoiceRecord(row.erpInvoiceId!), row.id, row.invoiceNumber),
      );
    },
  };
}
