import { erpEventTypes, erpWebhooks } from '@procuregraph/connector-erp';
import { vendorPlatformWebhooks } from '@procuregraph/connector-vendor-platform';
import type { Database } from '@procuregraph/platform/db';
import { processInboundEvent, subscribeToWebhooks, type WebhookSubscription } from '@procuregraph/platform/inbound';
import { inboundEntityVersions, inboundEvents } from './db/tables.ts';
import { acceptPortalInvoice, INVOICE_SUBMITTED, VENDOR_PLATFORM_SOURCE } from './intake/portal-invoices.ts';
import { applyErpEvent, describeErpEvent } from './payments/erp-payment-feed.ts';

export interface InvoicingWebhookDependencies {
  db: Database;
  /** The secret the vendor platform signs its webhooks with. */
  vendorPlatformSecret: string;
  /** The secret the ERP signs its pushed business events with; without it they arrive through the feed only. */
  erpSecret?: string | undefined;
  priceTolerancePct: number;
}

/**
 * The webhooks invoicing handles: the vendor platform's `invoice.submitted` and the ERP's
 * `PaymentStatusChanged`, each applied once per event id in the same transaction as its effect
 * and together with the source's feed, so a redelivery or a feed read of the same event is a
 * DUPLICATE.
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
  if (!deps.erpSecret) return [portalInvoices];
  const apply = applyErpEvent(deps.db);
  const payments = subscribeToWebhooks(erpWebhooks(deps.erpSecret), [erpEventTypes.paymentStatusChanged], async ({ event }) => ({
    status: 200,
    body: { outcome: await apply(describeErpEvent(event), event) },
  }));
  return [portalInvoices, payments];
}
