import { vendorPlatformWebhooks } from '@procuregraph/connector-vendor-platform';
import type { Database } from '@procuregraph/platform/db';
import { processInboundEvent, subscribeToWebhooks, type WebhookSubscription } from '@procuregraph/platform/inbound';
import { inboundEntityVersions, inboundEvents } from './db/tables.ts';
import { acceptPortalInvoice, INVOICE_SUBMITTED, VENDOR_PLATFORM_SOURCE } from './intake/portal-invoices.ts';

export interface InvoicingWebhookDependencies {
  db: Database;
  /** The secret the vendor platform signs its webhooks with. */
  vendorPlatformSecret: string;
  priceTolerancePct: number;
}

/**
 * The webhooks invoicing handles: the vendor platform's `invoice.submitted`, applied once per
 * event id in the same transaction as its effect and together with the feed catch-up, so a
 * redelivery or a feed read of the same event is a DUPLICATE.
 */
export function invoicingWebhooks(deps: InvoicingWebhookDependencies): WebhookSubscription[] {
  const portalInvoices = subscribeToWebhooks(vendorPlatformWebhooks(deps.vendorPlatformSecret), [INVOICE_SUBMITTED], async (event) => {
    const outcome = await processInboundEvent(
      deps.db,
      { inboundEvents, inboundEntityVersions },
      { source: VENDOR_PLATFORM_SOURCE, sourceEventId: event.id },
      (tx) => acceptPortalInvoice(tx, event.data, deps.priceTolerancePct, 'webhook'),
    );
    return { status: 200, body: { outcome } };
  });
  return [portalInvoices];
}
