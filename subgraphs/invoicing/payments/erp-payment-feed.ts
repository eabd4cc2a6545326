import { type ErpClient, erpEventTypes, type BusinessEvent, readPayment } from '@procuregraph/connector-erp';
import type { Database } from '@procuregraph/platform/db';
import {
  createFeedPoller,
  defineInboundQueue,
  processInboundEvent,
  type FeedPoller,
  type InboundEvent,
  type InboundOutcome,
} from '@procuregraph/platform/inbound';
import type { JobRuntime } from '@procuregraph/platform/jobs';
import type { Logger } from '@procuregraph/platform/logging';
import { describeError, PermanentError, type CallPolicy } from '@procuregraph/platform/resilience';
import { paymentFromErp } from '../erp-mapping.ts';
import { feedCursors, inboundEntityVersions, inboundEvents } from '../db/tables.ts';
import { applyErpPayment, recordErpPaymentStep } from './apply-erp-payment.ts';

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

/** Where ERP events come from, whether pushed or read from the feed: they deduplicate together. */
export const ERP_SOURCE = 'erp';

/**
 * A business event as the inbound deduplication sees it: its id and, for a payment, the payment's
 * version, ordered by the feed's sequence, so an older state never overwrites a newer one however
 * late it arrives (pushes are retried on their own schedules).
 */
export function describeErpEvent(event: BusinessEvent): InboundEvent {
  return {
    source: ERP_SOURCE,
    sourceEventId: event.eventId,
    ...(event.eventType === erpEventTypes.paymentStatusChanged
      ? { entity: { key: `payment:${event.resourceId}`, occurredAt: event.occurredAt, sequence: event.sequence } }
      : {}),
  };
}

/**
 * Applies a business event at most once: pushed by the ERP or read from its feed, the same way.
 * The event is a step of the payment's journey, at the ERP's time, in the transaction that
 * deduplicates it: once per event. A payment waiting for its invoice's link gets its step when
 * it is applied, once the link arrives.
 */
export function applyErpEvent(db: Database) {
  return (event: InboundEvent, item: BusinessEvent): Promise<InboundOutcome> =>
    processInboundEvent(db, { inboundEvents, inboundEntityVersions }, event, async (tx) => {
      if (item.eventType !== erpEventTypes.paymentStatusChanged) return;
      const snapshot = readableSnapshot(item);
      const payment = await applyErpPayment(tx, snapshot, item.occurredAt);
      if (payment) await recordErpPaymentStep(tx, payment, item.occurredAt);
    });
}

/**
 * Follows the ERP's business events from a stored cursor and applies its payments' states: the
 * catch-up for what the ERP's pushes missed. Each event applies once (by its event id), and an
 * older state of a payment never overwrites a newer one. A payment the mapping cannot read is
 * parked among the dead letters, so one bad record does not stop every later payment.
 */
export function erpPaymentFeed(options: ErpPaymentFeedOptions): FeedPoller {
  const { db, erp, policy, logger } = options;
  const inbound = defineInboundQueue<BusinessEvent>({ jobs: options.jobs, source: ERP_SOURCE, process: applyErpEvent(db) });
  return createFeedPoller<BusinessEvent>({
    db,
    tables: { feedCursors },
    logger,
    intervalMs: options.intervalMs,
    async fetchPage(cursor) {
      const { items } = await policy.execute((signal) => erp.businessEventsAfter(Number(cursor ?? 0), signal));
      return { items, cursor: items.length > 0 ? String(items.at(-1)!.sequence) : cursor };
    },
    describe: describeErpEvent,
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
