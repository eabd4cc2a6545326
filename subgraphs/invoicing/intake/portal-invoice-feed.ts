import type { Database } from '@procuregraph/platform/db';
import {
  createFeedPoller,
  defineInboundQueue,
  processInboundEvent,
  type FeedPoller,
  type InboundEvent,
  type InboundOutcome,
  type InboundQueue,
} from '@procuregraph/platform/inbound';
import type { JobRuntime } from '@procuregraph/platform/jobs';
import type { Logger } from '@procuregraph/platform/logging';
import type { CallPolicy } from '@procuregraph/platform/resilience';
import { type VendorPlatformClient, type VendorEvent } from '@procuregraph/connector-vendor-platform';
import { feedCursors, inboundEntityVersions, inboundEvents } from '../db/tables.ts';
import { acceptPortalInvoice, INVOICE_SUBMITTED, VENDOR_PLATFORM_SOURCE } from './portal-invoices.ts';

/** Applies one platform event at most once: the submitted invoices; other types are recorded and left. */
export function applyPortalEvent(db: Database, priceTolerancePct: number) {
  return (event: InboundEvent, item: VendorEvent): Promise<InboundOutcome> =>
    processInboundEvent(db, { inboundEvents, inboundEntityVersions }, event, async (tx) => {
      if (item.type === INVOICE_SUBMITTED) await acceptPortalInvoice(tx, item.data, priceTolerancePct, 'feed');
    });
}

/** Where a platform event invoicing cannot apply waits: the dead letters of `feed.vendor-platform`. */
export function portalEventQueue(jobs: JobRuntime, db: Database, priceTolerancePct: number): InboundQueue<VendorEvent> {
  return defineInboundQueue({
    jobs,
    source: VENDOR_PLATFORM_SOURCE,
    process: applyPortalEvent(db, priceTolerancePct),
  });
}

export interface PortalInvoiceFeedOptions {
  db: Database;
  portal: VendorPlatformClient;
  /** The platform's breaker and timeout, which every read of the feed goes through. */
  policy: CallPolicy;
  logger: Logger;
  intervalMs: number;
  inbound: InboundQueue<VendorEvent>;
}

/** Catches up, from the platform's event feed, on submitted invoices whose webhook never arrived. */
export function portalInvoiceFeed(options: PortalInvoiceFeedOptions): FeedPoller {
  const { portal, policy } = options;
  return createFeedPoller<VendorEvent>({
    db: options.db,
    tables: { feedCursors },
    logger: options.logger,
    intervalMs: options.intervalMs,
    fetchPage: (cursor) => policy.execute((signal) => portal.eventsAfter(cursor, signal)),
    describe: (event) => ({ sourceEventId: event.id }),
    inbound: options.inbound,
  });
}
