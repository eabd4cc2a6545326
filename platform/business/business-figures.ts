import { and, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/database.ts';
import { journeySteps } from '../db/platform-tables.ts';
import { businessEvents } from './business-events-table.ts';
import { nearestRank } from './percentiles.ts';

export interface BusinessPeriod {
  /** Inclusive. */
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
  supplierId?: string | null;
}

export interface DurationFigures {
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

export interface LatencyFigures {
  count: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface BusinessFigures {
  vendorActivationTime: DurationFigures;
  firstTimeMatchRate: number | null;
  exceptionRate: number | null;
  exceptionsByCode: { code: string; count: number }[];
  exceptionsByQueue: { queue: string; count: number }[];
  touchlessRate: number | null;
  invoiceCycleTime: { toApproval: DurationFigures; toPayment: DurationFigures };
  paymentStatusLatency: { GRAPH: LatencyFigures; PORTAL: LatencyFigures };
  perfectOrderRate: number | null;
  deliveryFailures: { system: string; retries: number; deadLetters: number }[];
}

type EventRow = typeof businessEvents.$inferSelect;

/** The exceptions that make an invoiced order line imperfect (GHX: an item, unit, price or quantity exception). */
export const PERFECT_ORDER_BREAKERS: readonly string[] = ['PRICE_VARIANCE', 'QUANTITY_VARIANCE', 'CONTRACT_PRICE_VARIANCE'];

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Of the events that have a start (an invoice seeded before this was recorded has none). */
function durations(rows: readonly EventRow[]): DurationFigures {
  const seconds = rows.filter((row) => row.durationMs !== null).map((row) => row.durationMs! / 1000);
  return { count: seconds.length, p50Seconds: nearestRank(seconds, 50), p90Seconds: nearestRank(seconds, 90) };
}

function latencies(rows: readonly EventRow[]): LatencyFigures {
  const ms = rows.map((row) => row.durationMs!);
  return { count: ms.length, p50Ms: nearestRank(ms, 50), p99Ms: nearestRank(ms, 99) };
}

/** Counts by a column's value, most first, then by the value. */
function countsOf(rows: readonly EventRow[], column: 'code' | 'queue'): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row[column]!, (counts.get(row[column]!) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function periodOf(column: typeof businessEvents.at | typeof journeySteps.at, period: BusinessPeriod): SQL[] {
  return [...(period.from ? [gte(column, period.from)] : []), ...(period.to ? [lt(column, period.to)] : [])];
}

/** Orders acknowledged by the period's end, of those given. */
async function acknowledgedOrders(db: Queryable, orderIds: readonly string[], period: BusinessPeriod): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ entityId: businessEvents.entityId })
    .from(businessEvents)
    .where(
      and(
        eq(businessEvents.kind, 'ORDER_ACKNOWLEDGED'),
        inArray(businessEvents.entityId, [...orderIds]),
        ...(period.to ? [lte(businessEvents.at, period.to)] : []),
      ),
    );
  return new Set(rows.map((row) => row.entityId));
}

/** A line is perfect when its order was acknowledged and the invoice billing it raised no item, price or quantity exception. */
async function perfectOrderRate(db: Queryable, lines: readonly EventRow[], period: BusinessPeriod): Promise<number | null> {
  const acknowledged = await acknowledgedOrders(db, [...new Set(lines.map((line) => line.entityId))], period);
  return ratio(lines.filter((line) => line.outcome === 'PERFECT' && acknowledged.has(line.entityId)).length, lines.length);
}

/** Job attempts that failed and will be retried, and jobs dead-lettered, by backing system. */
async function deliveryFailures(db: Queryable, period: BusinessPeriod): Promise<BusinessFigures['deliveryFailures']> {
  const supplierRecords = period.supplierId
    ? [
        inArray(
          journeySteps.entityId,
          db
            .selectDistinct({ entityId: businessEvents.entityId })
            .from(businessEvents)
            .where(eq(businessEvents.supplierId, period.supplierId)),
        ),
      ]
    : [];
  const rows = await db
    .select({
      system: journeySteps.system,
      retries: sql<number>`count(*) filter (where ${journeySteps.outcome} = 'RETRYING')`.mapWith(Number),
      deadLetters: sql<number>`count(*) filter (where ${journeySteps.outcome} = 'DEAD_LETTERED')`.mapWith(Number),
    })
    .from(journeySteps)
    .where(and(inArray(journeySteps.outcome, ['RETRYING', 'DEAD_LETTERED']), ...periodOf(journeySteps.at, period), ...supplierRecords))
    .groupBy(journeySteps.system)
    .orderBy(journeySteps.system);
  return rows;
}

/**
 * The business figures of a period (events whose `at` is in [from, to)), overall or of one
 * supplier, computed from every recorded event of the period: exact counts, rates and
 * nearest-rank percentiles, nothing sampled. A rate or percentile with nothing to count is null.
 */
export async function businessFigures(db: Queryable, period: BusinessPeriod): Promise<BusinessFigures> {
  const rows = await db
    .select()
    .from(businessEvents)
    .where(and(...periodOf(businessEvents.at, period), ...(period.supplierId ? [eq(businessEvents.supplierId, period.supplierId)] : [])))
    .orderBy(businessEvents.at, businessEvents.id);
  const of = (kind: EventRow['kind']) => rows.filter((row) => row.kind === kind);
  const firstMatches = of('INVOICE_MATCHED').filter((row) => row.firstTime);
  const matchedInvoices = new Set(of('INVOICE_MATCHED').map((row) => row.entityId));
  const exceptions = of('MATCH_EXCEPTION');
  const approvals = of('INVOICE_APPROVED');
  const published = of('PAYMENT_STATUS_PUBLISHED');
  return {
    vendorActivationTime: durations(of('SUPPLIER_ACTIVATED')),
    firstTimeMatchRate: ratio(firstMatches.filter((row) => row.outcome === 'MATCHED').length, firstMatches.length),
    exceptionRate: ratio(new Set(exceptions.map((row) => row.entityId)).size, matchedInvoices.size),
    exceptionsByCode: countsOf(exceptions, 'code').map(({ value, count }) => ({ code: value, count })),
    exceptionsByQueue: countsOf(exceptions, 'queue').map(({ value, count }) => ({ queue: value, count })),
    touchlessRate: ratio(approvals.filter((row) => row.outcome === 'TOUCHLESS').length, approvals.length),
    invoiceCycleTime: { toApproval: durations(approvals), toPayment: durations(of('INVOICE_PAID')) },
    paymentStatusLatency: {
      GRAPH: latencies(published.filter((row) => row.target === 'GRAPH')),
      PORTAL: latencies(published.filter((row) => row.target === 'PORTAL')),
    },
    perfectOrderRate: await perfectOrderRate(db, of('ORDER_LINE_INVOICED'), period),
    deliveryFailures: await deliveryFailures(db, period),
  };
}
