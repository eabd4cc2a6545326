import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import { businessNow } from './business-clock.ts';
import { businessEvents, type BusinessEventKind } from './business-events-table.ts';
import { invoiceCycleSeconds, invoiceMatchesTotal, paymentStatusPropagationSeconds, vendorActivationSeconds } from './business-metrics.ts';

export interface BusinessEvent {
  kind: BusinessEventKind;
  supplierId: string;
  entityId: string;
  /** When what the event ends began; its duration is measured from it. */
  startedAt?: Date | null;
  outcome?: string | null;
  firstTime?: boolean | null;
  code?: string | null;
  queue?: string | null;
  lineNumber?: number | null;
  target?: 'GRAPH' | 'PORTAL' | null;
}

type RecordedEvent = BusinessEvent & { durationMs: number | null };

/** A histogram observation of the event's duration; an event without a start has none to observe. */
const seconds =
  (observe: (event: RecordedEvent, seconds: number) => void) =>
  (event: RecordedEvent): void => {
    if (event.durationMs !== null) observe(event, event.durationMs / 1000);
  };

/** The Prometheus side of each kind that has one: the same fact, counted as it happens. */
const observations: Partial<Record<BusinessEventKind, (event: RecordedEvent) => void>> = {
  SUPPLIER_ACTIVATED: seconds((_event, value) => vendorActivationSeconds.observe(value)),
  INVOICE_MATCHED: (event) => invoiceMatchesTotal.inc({ outcome: event.outcome!, first_time: String(event.firstTime) }),
  PAYMENT_STATUS_PUBLISHED: seconds((event, value) => paymentStatusPropagationSeconds.observe({ target: event.target! }, value)),
  INVOICE_APPROVED: seconds((_event, value) => invoiceCycleSeconds.observe({ stage: 'APPROVED' }, value)),
  INVOICE_PAID: seconds((_event, value) => invoiceCycleSeconds.observe({ stage: 'PAID' }, value)),
};

/**
 * Records a business fact in the caller's transaction, stamped by the business clock, announces
 * it to the metrics page, and observes its metric. A duration needs its start: an event without one is stored without a
 * duration.
 */
export async function recordBusinessEvent(db: Queryable, event: BusinessEvent): Promise<void> {
  const { startedAt, ...fact } = event;
  const at = businessNow();
  const durationMs = startedAt ? at.getTime() - startedAt.getTime() : null;
  await db.insert(businessEvents).values({ id: newId(), ...fact, at, durationMs });
  await announceOperationsChanges(db, [{ topic: 'BUSINESS_METRICS', recordId: event.entityId }]);
  observations[event.kind]?.({ ...event, durationMs });
}

/** When the first event of a kind about a record happened (a registration, a receipt), if it did. */
export async function firstBusinessEventAt(db: Queryable, kind: BusinessEventKind, entityId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: businessEvents.at })
    .from(businessEvents)
    .where(and(eq(businessEvents.kind, kind), eq(businessEvents.entityId, entityId)))
    .orderBy(asc(businessEvents.at))
    .limit(1);
  return row?.at ?? null;
}
