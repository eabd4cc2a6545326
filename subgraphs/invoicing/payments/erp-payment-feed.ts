import { type ErpClient, erpEventTypes, type BusinessEvent, readPayment } from '@procuregraph/connector-erp';
import type { Database } from '@procuregraph/platform/db';
import { createFeedPoller, type FeedPoller } from '@procuregraph/platform/inbound';
import type { Logger } from '@procuregraph/platform/logging';
import type { CallPolicy } from '@procuregraph/platform/resilience';
import { paymentFromErp } from '../erp-mapping.ts';
import { feedCursors, inboundEntityVersions, inboundEvents } from '../db/tables.ts';
import { applyErpPayment } from './apply-erp-payment.ts';

export interface ErpPaymentFeedOptions {
  db: Database;
  erp: ErpClient;
  /** The ERP's breaker and timeout, which every read of the feed goes through. */
  policy: CallPolicy;
  logger: Logger;
  intervalMs: number;
}

/**
 * Follows the ERP's business events from a stored cursor and applies its payments' states. Each
 * event applies once (by its event id), and an older state of a payment never overwrites a newer
 * one (versions ordered by the feed's sequence). A payment the mapping cannot read is logged and
 * skipped, so one bad record does not stop every later payment.
 */
export function erpPaymentFeed(options: ErpPaymentFeedOptions): FeedPoller {
  const { db, erp, policy, logger } = options;
  return createFeedPoller<BusinessEvent>({
    db,
    tables: { inboundEvents, inboundEntityVersions, feedCursors },
    source: 'erp',
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
    async apply(tx, event) {
      if (event.eventType !== erpEventTypes.paymentStatusChanged) return;
      let snapshot;
      try {
        snapshot = paymentFromErp(readPayment(event.resource));
      } catch (error) {
        logger.warn({ eventId: event.eventId, error: String(error) }, 'ERP payment event is unreadable; skipped');
        return;
      }
      await applyErpPayment(tx, snapshot, event.occurredAt);
    },
  });
}
