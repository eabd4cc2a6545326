import { VENDOR_PLATFORM_SYSTEM, vendorPlatformClient, type VendorEvent } from '@procuregraph/connector-vendor-platform';
import { createFeedPoller, defineInboundQueue, type FeedPoller } from '@procuregraph/platform/inbound';
import type { WorkerContext } from '@procuregraph/platform/subgraph';
import { feedCursors } from './db/tables.ts';
import { registrationEvents } from './webhooks.ts';

/**
 * Catches up, from the vendor platform's event feed, on registrations whose webhooks never
 * arrived (the platform gives up after eight attempts, and keeps no deliveries across its
 * restarts). Each event is applied exactly as its webhook would have been, and once whichever
 * way it came; one that cannot be applied waits among the dead letters of `feed.vendor-platform`.
 */
export function registrationFeed(context: WorkerContext, intervalMs: number): FeedPoller {
  const policy = context.policies.for('VENDOR_PLATFORM');
  const apply = registrationEvents({
    db: context.db,
    cipher: context.cipher,
    systems: context.systems,
    environment: context.environment,
    logger: context.logger,
    policy,
  });
  const platform = vendorPlatformClient(context.systems.vendorPlatformUrl);
  return createFeedPoller<VendorEvent>({
    db: context.db,
    tables: { feedCursors },
    logger: context.logger,
    intervalMs,
    fetchPage: (cursor) => policy.execute((signal) => platform.eventsAfter(cursor, signal)),
    describe: (event) => ({ sourceEventId: event.id }),
    inbound: defineInboundQueue<VendorEvent>({
      jobs: context.jobs,
      source: VENDOR_PLATFORM_SYSTEM,
      process: async (_event, item) => (await apply(item, 'feed')).inbound,
    }),
  });
}
