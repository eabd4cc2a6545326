import type { Database } from '@procuregraph/platform/db';
import { createFeedPoller, type FeedPoller } from '@procuregraph/platform/inbound';
import type { Logger } from '@procuregraph/platform/logging';
import type { CallPolicy } from '@procuregraph/platform/resilience';
import { type VendorPlatformClient, type VendorEvent } from '@procuregraph/connector-vendor-platform';
import { feedCursors, inboundEntityVersions, inboundEvents } from '../db/tables.ts';
import { acceptPortalInvoice, INVOICE_SUBMITTED, VENDOR_PLATFORM_SOURCE } from './portal-invoices.ts';

export interface PortalInvoiceFeedOptions {
  db: Database;
  portal: VendorPlatformClient;
  /** The platform's breaker and timeout, which every read of the feed goes through. */
  policy: CallPolicy;
  logger: Logger;
  intervalMs: number;
  priceTolerancePct: number;
}

/** Catches up, from the platform's event feed, on submitted invoices whose webhook never arrived. */
export function portalInvoiceFeed(options: PortalInvoiceFeedOptions): FeedPoller {
  const { db, portal, policy, logger } = options;
  return createFeedPoller<VendorEvent>({
    db,
    tables: { inboundEvents, inboundEntityVersions, feedCursors },
    source: VENDOR_PLATFORM_SOURCE,
    logger,
    intervalMs: options.intervalMs,
    fetchPage: (cursor) => policy.execute((signal) => portal.eventsAfter(cursor, signal)),
    describe: (event) => ({ sourceEventId: event.id }),
    apply: async (tx, event) => {
      if (event.type === INVOICE_SUBMITTED) await acceptPortalInvoice(tx, event.data, options.priceTolerancePct, logger);
    },
  });
}
