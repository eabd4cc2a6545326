import { vendorEventTypes, vendorPlatformWebhooks } from '@procuregraph/connector-vendor-platform';
import type { Database } from '@procuregraph/platform/db';
import { MalformedWebhookError, subscribeToWebhooks, type WebhookSubscription } from '@procuregraph/platform/inbound';
import { describeError } from '@procuregraph/platform/resilience';
import { applyVendorEvent } from './publication.ts';
import { acknowledgementOf } from './vendor-platform-mapping.ts';

export interface ProcurementWebhookDependencies {
  readonly db: Database;
  /** The secret the vendor platform signs its webhooks with. */
  readonly vendorPlatformSecret: string;
}

/**
 * The webhooks procurement handles: suppliers' acknowledgements of published orders. A malformed
 * acknowledgement is refused (400); a redelivered one is acknowledged again without being applied twice.
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
  return [acknowledgements];
}
