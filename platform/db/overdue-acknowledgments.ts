import { and, count, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../metrics.ts';
import type { Queryable } from './database.ts';
import { ediDocuments, type EdiDocumentType } from './edi-tables.ts';

/** What we send and expect a 997 for: a 997 itself is never acknowledged, a CSV file cannot be. */
const ACKNOWLEDGED_TYPES: EdiDocumentType[] = ['X12_850', 'X12_820'];

const deadlineBefore = (deadlineHours: number, now: Date) => new Date(now.getTime() - deadlineHours * 3_600_000);

/** Documents we sent that wait for a 997 longer than the deadline (EDI_ACKNOWLEDGMENT_DEADLINE_HOURS). */
export function overdueAcknowledgment(deadlineHours: number, now: Date): SQL {
  return and(
    eq(ediDocuments.direction, 'OUTBOUND'),
    eq(ediDocuments.status, 'SENT'),
    inArray(ediDocuments.type, ACKNOWLEDGED_TYPES),
    lt(ediDocuments.receivedAt, deadlineBefore(deadlineHours, now)),
  )!;
}

/** The same rule for one document already read. */
export function isAcknowledgmentOverdue(
  document: Pick<typeof ediDocuments.$inferSelect, 'direction' | 'status' | 'type' | 'receivedAt'>,
  deadlineHours: number,
  now: Date,
): boolean {
  return (
    document.direction === 'OUTBOUND' &&
    document.status === 'SENT' &&
    ACKNOWLEDGED_TYPES.includes(document.type) &&
    document.receivedAt < deadlineBefore(deadlineHours, now)
  );
}

type OverdueSource = () => Promise<Array<{ type: string; count: number }>>;
const overdueSources = new Set<OverdueSource>();

/** Read from the database on each scrape, by document type. */
export const ediAcknowledgmentsOverdue = new Gauge({
  name: 'procuregraph_edi_acknowledgments_overdue',
  help: 'Documents sent to trading partners (850, 820) still without a 997 after EDI_ACKNOWLEDGMENT_DEADLINE_HOURS, by type.',
  labelNames: ['type'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const type of ACKNOWLEDGED_TYPES) this.set({ type }, 0);
    for (const source of overdueSources) {
      for (const row of await source().catch(() => [])) this.inc({ type: row.type }, row.count);
    }
  },
});

/** Reports the overdue documents of one database while a process runs; the returned function stops that. */
export function reportOverdueAcknowledgments(db: Queryable, deadlineHours: number): () => void {
  const source: OverdueSource = () =>
    db
      .select({ type: ediDocuments.type, count: count() })
      .from(ediDocuments)
      .where(overdueAcknowledgment(deadlineHours, new Date()))
      .groupBy(ediDocuments.type);
  overdueSources.add(source);
  return () => overdueSources.delete(source);
}
