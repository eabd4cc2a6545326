import { and, eq } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { PermanentError } from '@procuregraph/platform/resilience';
import type { VendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import { portalInvoiceStatusBody } from '../vendor-platform-mapping.ts';
import { invoices, matchExceptions } from '../db/tables.ts';
import { invoiceStatusChanged } from '../events.ts';

async function rejectionReason(db: Database, invoiceId: string): Promise<string | null> {
  const [rejection] = await db
    .select({ reason: matchExceptions.resolutionReason })
    .from(matchExceptions)
    .where(and(eq(matchExceptions.invoiceId, invoiceId), eq(matchExceptions.resolution, 'REJECTED')))
    .limit(1);
  return rejection?.reason ?? null;
}

/**
 * The job behind `invoice.status_changed`: writes the invoice's current status (not the event's)
 * to the portal, so jobs run late or out of order still leave the supplier seeing the latest.
 */
export async function publishInvoiceStatus(db: Database, portal: VendorPlatformClient, job: JobContext): Promise<void> {
  const { invoiceId } = invoiceStatusChanged.parse(job.payload);
  const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice?.vendorPlatformInvoiceId) throw new PermanentError(`Invoice ${invoiceId} has no portal copy`);
  const reason = invoice.status === 'REJECTED' ? await rejectionReason(db, invoiceId) : null;
  await portal.putInvoiceStatus(invoice.vendorPlatformInvoiceId, portalInvoiceStatusBody(invoice.status, reason), job.signal);
}
