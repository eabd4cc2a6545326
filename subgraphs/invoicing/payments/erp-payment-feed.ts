import { type ErpClient, erpEventTypes, type BusinessEvent, readPayment } from '@procuregraph/connector-erp';
import type { Database } from '@procuregraph/platform/db';
import { createFeedPoller, defineInboundQueue, processInboundEvent, type FeedPoller } from '@procuregraph/platform/inbound';
import type { JobRuntime } from '@procuregraph/platform/jobs';
import type { Logger } from '@procuregraph/platform/logging';
import { describeError, PermanentError, type CallPolicy } from '@procuregraph/platform/resilience';
import { paymentFromErp } from '../erp-mapping.ts';
import { feedCursors, inboundEntityVersions, inboundEvents } from '../db/tables.ts';
import { applyErpPayment } from './apply-erp-payment.ts';

export interface ErpPaymentFeedOptions {
  db: Database;
  /** Where an event that cannot be applied is parked (`feed.erp`). */
  jobs: JobRuntime;
  erp: ErpClient;
  /** The ERP's breaker and timeout, which every read of the feed goes through. */
  policy: CallPolicy;
  logger: Logger;
  intervalMs: number;
}

/**
 * Follows the ERP's business events from a stored cursor and applies its payments' states. Each
 * event applies once (by its event id), and an older state of a payment never overwrites a newer
 * one (versions ordered by the feed's sequence). A payment the mapping cannot read is parked
 * among the dead letters, so one bad record does not stop every later payment.
 */
export function erpPaymentFeed(options: ErpPaymentFeedOptions): FeedPoller {
  const { db, erp, policy, logger } = options;
  const inbound = defineInboundQueue<BusinessEvent>({
    jobs: options.jobs,
    source: 'erp',
    process: (event, item) =>
      processInboundEvent(db, { inboundEvents, inboundEntityVersions }, event, async (tx) => {
        if (item.eventType !== erpEventTypes.paymentStatusChanged) return;
        await applyErpPayment(tx, readableSnapshot(item), item.occurredAt);
      }),
  });
  return createFeedPoller<BusinessEvent>({
    db,
    tables: { feedCursors },
    logger,
    intervalMs: options.intervalMs,
    async fetchPage(cursor) {
      const { items } = await policy.execute((signal) => erp.businessEventsAfter(Number(cursor ?? 0), signal));
      return { items, cursor: items.length > 0 ? String(items.at(-1)!.sequence) : cursor };
    },
    describe: (event) => ({
      sourceEventId: event.eventId,
      ...(event.eventType === erpEventTypes.paymentStatusChanged
        ? { entity: { key: `payment:${event.resourceId}`, occurredAt: event.occurredAt, sequence: event.sequence } }
        : {}),
    }),
    inbound,
  });
}

function readableSnapshot(event: BusinessEvent): ReturnType<typeof paymentFromErp> {
  try {
    return paymentFromErp(readPayment(event.resource));
  } catch (error) {
    throw new PermanentError(`Unreadable ERP payment: ${describeError(error)}`);
  }
}
