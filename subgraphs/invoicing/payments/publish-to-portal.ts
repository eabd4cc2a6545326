import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { recordBusinessEvent } from '@procuregraph/platform/business';
import type { Database } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { PermanentError } from '@procuregraph/platform/resilience';
import type { VendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import { portalPaymentBody } from '../vendor-platform-mapping.ts';
import { invoices, paymentApplications, payments, supplierProjections } from '../db/tables.ts';
import { paymentStatusChanged } from '../events.ts';

async function portalContext(db: Database, paymentId: string) {
  const [row] = await db
    .select({ payment: payments, invoiceNumber: invoices.invoiceNumber, registrationId: supplierProjections.vendorRegistrationId })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .leftJoin(supplierProjections, eq(supplierProjections.supplierId, payments.supplierId))
    .where(eq(payments.id, paymentId));
  if (!row) throw new PermanentError(`Payment ${paymentId} does not exist`);
  if (!row.registrationId) throw new Error(`Supplier ${row.payment.supplierId} has no vendor-platform registration yet`);
  return { ...row, registrationId: row.registrationId, invoiceNumbers: await invoiceNumbersPaid(db, row.payment.id, row.invoiceNumber) };
}

/** The numbers of every invoice the payment pays, the one it is shown under first. */
async function invoiceNumbersPaid(db: Database, paymentId: string, first: string): Promise<string[]> {
  const rows = await db
    .select({ invoiceNumber: invoices.invoiceNumber })
    .from(paymentApplications)
    .innerJoin(invoices, eq(invoices.id, paymentApplications.invoiceId))
    .where(eq(paymentApplications.paymentId, paymentId))
    .orderBy(invoices.invoiceNumber);
  return [first, ...rows.map((row) => row.invoiceNumber).filter((number) => number !== first)];
}

/**
 * The job behind `payment.status_changed`: shows the supplier the status the event reports, so
 * the portal's history has every step (the queue runs one job at a time, in event order). The
 * portal keeps the last write, so a status older than the one already shown (a late retry) is
 * not written over it.
 */
export async function publishPaymentToPortal(db: Database, portal: VendorPlatformClient, job: JobContext): Promise<void> {
  const event = paymentStatusChanged.parse(job.payload);
  const occurredAt = new Date(event.occurredAt);
  const { payment, invoiceNumber, invoiceNumbers, registrationId } = await portalContext(db, event.paymentId);
  if (payment.portalStatusAt !== null && payment.portalStatusAt >= occurredAt) return;
  await portal.putPayment(
    payment.id,
    portalPaymentBody({
      registrationId,
      invoiceNumber,
      invoiceNumbers,
      paymentNumber: payment.paymentNumber ?? payment.id,
      amount: payment.amount,
      currency: payment.currency,
      method: payment.method,
      status: event.status,
      statusChangedAt: occurredAt,
    }),
    job.signal,
  );
  await db.transaction(async (tx) => {
    await tx
      .update(payments)
      .set({ portalStatusAt: occurredAt })
      .where(and(eq(payments.id, payment.id), or(isNull(payments.portalStatusAt), lt(payments.portalStatusAt, occurredAt))));
    await recordBusinessEvent(tx, {
      kind: 'PAYMENT_STATUS_PUBLISHED',
      supplierId: payment.supplierId,
      entityId: payment.id,
      target: 'PORTAL',
      startedAt: occurredAt,
    });
  });
}
