import type { Database } from '@procuregraph/platform/db/database';
import { createFeedPoller, type FeedPoller } from '@procuregraph/platform/inbound/feed-poller';
import type { Logger } from '@procuregraph/platform/logging';
import type { CallPolicy } from '@procuregraph/platform/resilience/system-policies';
import type { ErpConnector } from '../connectors/erp.ts';
import { paymentFromErp, type ErpBusinessEvent } from '../connectors/erp-mapping.ts';
import { feedCursors, inboundEntityVersions, inboundEvents } from '../db/tables.ts';
import { applyErpPayment } from './apply-erp-payment.ts';

const PAYMENT_STATUS_CHANGED = 'PaymentStatusChanged';

export interface ErpPaymentFeedOptions {
  db: Database;
  erp: ErpConnector;
  /** The ERP's breaker and timeout, which every read of the feed goes through. */
  policy: CallPolicy;
  logger: Logger;
  intervalMs: number;
}

/**
 * Follows the ERP's business events from a stored cursor and applies its payments' states. Each
 * event applies once (by EventId), and an older state of a payment never overwrites a newer one
 * (versions ordered by the feed's Sequence). A payment the mapping cannot read is logged and
 * skipped, so one bad record does not stop every later payment.
 */
export function erpPaymentFeed(options: ErpPaymentFeedOptions): FeedPoller {
  const { db, erp, policy, logger } = options;
  return createFeedPoller<ErpBusinessEvent>({
    db,
    tables: { inboundEvents, inboundEntityVersions, feedCursors },
    source: 'erp',
    logger,
    intervalMs: options.intervalMs,
    async fetchPage(cursor) {
      const items = await policy.execute((signal) => erp.businessEvents(Number(cursor ?? 0), signal));
      return { items, cursor: items.length > 0 ? String(items.at(-1)!.Sequence) : cursor };
    },
    describe: (event) => ({
      sourceEventId: event.EventId,
      ...(event.EventType === PAYMENT_STATUS_CHANGED ? { entity: { key: `payment:${event.ResourceId}`, occurredAt: new Date(event.OccurredAt), sequence: event.Sequence } } : {}),
    }),
    async apply(tx, event) {
      if (event.EventType !== PAYMENT_STATUS_CHANGED) return;
      let snapshot;
      try {
        snapshot = paymentFromErp(event.Resource);
      } catch (error) {
        logger.warn({ eventId: event.EventId, error: String(error) }, 'ERP payment event is unreadable; skipped');
        return;
      }
      await applyErpPayment(tx, snapshot, new Date(event.OccurredAt));
    },
  });
}
