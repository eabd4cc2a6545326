import { erpEventTypes, erpWebhooks } from '@procuregraph/connector-erp';
import { vendorEventTypes, vendorPlatformWebhooks } from '@procuregraph/connector-vendor-platform';
import type { Database } from '@procuregraph/platform/db';
import { MalformedWebhookError, subscribeToWebhooks, type WebhookSubscription } from '@procuregraph/platform/inbound';
import type { Logger } from '@procuregraph/platform/logging';
import { describeError } from '@procuregraph/platform/resilience';
import { applyErpEvent, describeErpEvent } from './erp-feed.ts';
import { applyVendorEvent } from './publication.ts';
import { acknowledgementOf } from './vendor-platform-mapping.ts';

export interface ProcurementWebhookDependencies {
  readonly db: Database;
  /** The secret the vendor platform signs its webhooks with. */
  readonly vendorPlatformSecret: string;
  /** The secret the ERP signs its pushed business events with; without it they arrive through the feed only. */
  readonly erp?: { readonly secret: string; readonly logger: Logger } | undefined;
}

/**
 * The webhooks procurement handles: suppliers' acknowledgements of published orders, and the
 * ERP's order and receipt events (applied as its feed applies them, deduplicated with it). A
 * malformed acknowledgement is refused (400); a redelivered event is acknowledged again without
 * being applied twice.
 */
export function procurementWebhooks(deps: ProcurementWebhookDependencies): WebhookSubscription[] {
  const acknowledgements = subscribeToWebhooks(
    vendorPlatformWebhooks(deps.vendorPlatformSecret),
    [vendorEventTypes.purchaseOrderAcknowledged],
    async (event) => {
      try {
        acknowledgementOf(event);
      } catch (error) {
        throw new MalformedWebhookError(describeError(error));
      }
      return { status: 200, body: { received: true, outcome: await applyVendorEvent(deps.db, event) } };
    },
  );
  if (!deps.erp) return [acknowledgements];
  const apply = applyErpEvent(deps.db, deps.erp.logger);
  const erpEvents = subscribeToWebhooks(
    erpWebhooks(deps.erp.secret),
    [erpEventTypes.purchaseOrderIssued, erpEventTypes.purchaseOrderChanged, erpEventTypes.receiptRecorded],
    async ({ event }) => ({ status: 200, body: { outcome: await apply(describeErpEvent(event), event) } }),
  );
  return [acknowledgements, erpEvents];
}
