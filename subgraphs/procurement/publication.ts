import { and, eq, inArray } from 'drizzle-orm';
import { type Database, type Queryable } from '@procuregraph/platform/db';
import {
  createFeedPoller,
  defineInboundQueue,
  type FeedPoller,
  processInboundEvent,
  type InboundOutcome,
} from '@procuregraph/platform/inbound';
import type { JobContext, JobRuntime } from '@procuregraph/platform/jobs';
import type { Logger } from '@procuregraph/platform/logging';
import { isPermanentFailure, PermanentError, type CallPolicy } from '@procuregraph/platform/resilience';
import { type VendorPlatformClient, type VendorEvent } from '@procuregraph/connector-vendor-platform';
import { acknowledgementOf, toPortalOrder } from './vendor-platform-mapping.ts';
import { recordOrderAcknowledgement } from './record-acknowledgement.ts';
import { orderContents } from './order-contents.ts';
import { feedCursors, inboundEntityVersions, inboundEvents, purchaseOrders, supplierReferences } from './db/tables.ts';

/** Webhooks and the events feed of the vendor platform share one source, so each event applies once. */
export const VENDOR_PLATFORM_SOURCE = 'vendor-platform';

/**
 * The job (system VENDOR_PLATFORM) that puts an order on its supplier's portal. The portal's PUT
 * is an idempotent upsert, so a retry or a republication after a status change is harmless.
 * When the job gives up for good the publication is FAILED, which the graph shows.
 */
export function publishOrder(db: Database, vendorPlatform: VendorPlatformClient, retryLimit: number) {
  return async (job: JobContext): Promise<void> => {
    try {
      await publish(db, vendorPlatform, job);
    } catch (error) {
      if (isPermanentFailure(error) || job.attempt > retryLimit) await markPublication(db, job.entityId, 'FAILED');
      throw error;
    }
  };
}

async function publish(db: Database, vendorPlatform: VendorPlatformClient, job: JobContext): Promise<void> {
  const [order] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.id, job.entityId));
  if (!order?.number) throw new PermanentError(`The order ${job.entityId} has no ERP number to publish`);
  const [supplier] = await db.select().from(supplierReferences).where(eq(supplierReferences.supplierId, order.supplierId));
  // A supplier onboarded through the graph is enrolled on the portal just after its ERP setup:
  // an order issued in between waits for it, retrying.
  if (!supplier?.vendorRegistrationId) throw new Error(`The supplier ${order.supplierId} is not registered on the vendor platform yet`);
  const { lines, facility } = await orderContents(db, order);
  const portalOrder = toPortalOrder({
    ...order,
    number: order.number,
    shipTo: facility?.name ?? null,
    registrationId: supplier.vendorRegistrationId,
    lines,
  });
  await vendorPlatform.putPurchaseOrder(order.id, portalOrder, job.signal);
  await markPublication(db, order.id, 'PUBLISHED');
}

/** PUBLISHED never overwrites an acknowledgement: republishing a status change keeps the supplier's answer. */
async function markPublication(db: Queryable, orderId: string, state: 'PUBLISHED' | 'FAILED'): Promise<void> {
  const now = new Date();
  await db
    .update(purchaseOrders)
    .set({ publicationState: state, updatedAt: now, ...(state === 'PUBLISHED' ? { publishedAt: now } : {}) })
    .where(and(eq(purchaseOrders.id, orderId), inArray(purchaseOrders.publicationState, ['PENDING', 'PUBLISHED', 'FAILED'])));
}

/** Applies one vendor platform event (webhook or feed) at most once; events about other things are recorded and ignored. */
export function applyVendorEvent(db: Database, event: VendorEvent): Promise<InboundOutcome> {
  const acknowledgement = acknowledgementOf(event);
  return processInboundEvent(
    db,
    { inboundEvents, inboundEntityVersions },
    { source: VENDOR_PLATFORM_SOURCE, sourceEventId: event.id },
    async (tx) => {
      if (acknowledgement) await recordOrderAcknowledgement(tx, { ...acknowledgement, channel: 'PORTAL' });
    },
  );
}

export interface VendorFeedOptions {
  db: Database;
  /** Where an event that cannot be applied is parked (`feed.vendor-platform`). */
  jobs: JobRuntime;
  vendorPlatform: VendorPlatformClient;
  policy: CallPolicy;
  logger: Logger;
  intervalMs: number;
}

/**
 * Catches up on acknowledgements whose webhook never arrived (deliveries are not kept across
 * restarts); a malformed one is parked among the dead letters instead of stopping the feed.
 */
export function createVendorFeedPoller(options: VendorFeedOptions): FeedPoller {
  return createFeedPoller<VendorEvent>({
    db: options.db,
    tables: { feedCursors },
    logger: options.logger,
    intervalMs: options.intervalMs,
    fetchPage: (cursor) => options.policy.execute((signal) => options.vendorPlatform.eventsAfter(cursor, signal)),
    describe: (item) => ({ sourceEventId: item.id }),
    inbound: defineInboundQueue<VendorEvent>({
      jobs: options.jobs,
      source: VENDOR_PLATFORM_SOURCE,
      process: (_event, item) => applyVendorEvent(options.db, item),
    }),
  });
}
