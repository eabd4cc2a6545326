import { eq } from 'drizzle-orm';
import { type Transaction, isUuid } from '@procuregraph/platform/db';
import { describeError, PermanentError } from '@procuregraph/platform/resilience';
import { vendorEventTypes, readSubmittedInvoice } from '@procuregraph/connector-vendor-platform';
import { invoiceFromPortal } from '../vendor-platform-mapping.ts';
import { supplierProjections } from '../db/tables.ts';
import { submitInvoice } from './submit-invoice.ts';

/** Webhooks and the feed of the vendor platform share this source, so each event is applied once whichever way it came. */
export const VENDOR_PLATFORM_SOURCE = 'vendor-platform';
export const INVOICE_SUBMITTED = vendorEventTypes.invoiceSubmitted;

async function supplierOfRegistration(tx: Transaction, registrationId: string): Promise<string> {
  const [supplier] = await tx
    .select({ supplierId: supplierProjections.supplierId })
    .from(supplierProjections)
    .where(eq(supplierProjections.vendorRegistrationId, registrationId));
  // The supplier's link may not have reached invoicing yet: the parked event is tried again, then waits for a replay.
  if (!supplier) throw new Error(`No supplier is linked to vendor-platform registration ${registrationId} yet`);
  return supplier.supplierId;
}

/** An unreadable body cannot become readable by trying again: straight to the dead letters. */
function portalInvoiceOf(data: unknown): ReturnType<typeof invoiceFromPortal> {
  try {
    return invoiceFromPortal(readSubmittedInvoice(data));
  } catch (error) {
    throw new PermanentError(`Unreadable portal invoice: ${describeError(error)}`);
  }
}

/** How a platform event reached us: pushed to our webhook, or read from its event feed (a replay of a parked one too). */
export type PortalDelivery = 'webhook' | 'feed';

/**
 * Takes in an invoice a supplier submitted on the portal (the data of an `invoice.submitted`
 * event), inside the inbound event's transaction. One that cannot be taken in (unreadable, of a
 * supplier not linked here, refused by a rule) throws, so nothing of it is written and the event
 * is parked among the dead letters with the reason, to be replayed once the cause is fixed. Its
 * arrival is the first step of the invoice's journey.
 */
export async function acceptPortalInvoice(tx: Transaction, data: unknown, priceTolerancePct: number, via: PortalDelivery): Promise<void> {
  const portal = portalInvoiceOf(data);
  const supplierId = await supplierOfRegistration(tx, portal.registrationId);
  const { purchaseOrderId, portalInvoiceId, registrationId: _registration, ...document } = portal;
  const result = await submitInvoice(
    tx,
    // An order the portal knows by another id is no order of ours: the match reports NO_PURCHASE_ORDER.
    {
      ...document,
      supplierId,
      purchaseOrderId: purchaseOrderId !== null && isUuid(purchaseOrderId) ? purchaseOrderId : null,
      // The portal's invoices carry goods lines only.
      taxAmount: '0',
      freightAmount: '0',
      source: 'VENDOR_PLATFORM',
      idempotencyKey: null,
      vendorPlatformInvoiceId: portalInvoiceId,
      arrival: { system: 'VENDOR_PLATFORM', action: `received from the vendor platform (${via})` },
    },
    priceTolerancePct,
  );
  if (result.userErrors.length > 0) {
    const reasons = result.userErrors.map((error) => `${error.code}: ${error.message}`).join('; ');
    throw new PermanentError(`Portal invoice ${portalInvoiceId} refused: ${reasons}`);
  }
}
