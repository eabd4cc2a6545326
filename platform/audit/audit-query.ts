import { and, count, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { badUserInput } from '../graphql/errors.ts';
import { pageRequest, toConnection, type Connection, type ConnectionArguments } from '../graphql/connection.ts';
import { auditEvents, type AuditKind, type AuditOutcome } from './audit-table.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;

export interface AuditEventFilter {
  actor?: string | null | undefined;
  role?: string | null | undefined;
  operation?: string | null | undefined;
  recordId?: string | null | undefined;
  kind?: AuditKind | null | undefined;
  outcome?: AuditOutcome | null | undefined;
  occurredAfter?: Date | null | undefined;
  occurredBefore?: Date | null | undefined;
}

const CURSOR_KIND = 'AuditEvent';

function filterCondition(filter: AuditEventFilter): SQL | undefined {
  return and(
    filter.actor ? eq(auditEvents.actor, filter.actor) : undefined,
    filter.role ? eq(auditEvents.role, filter.role) : undefined,
    filter.operation ? eq(auditEvents.operation, filter.operation) : undefined,
    filter.recordId ? eq(auditEvents.recordId, filter.recordId) : undefined,
    filter.kind ? eq(auditEvents.kind, filter.kind) : undefined,
    filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
    filter.occurredAfter ? gte(auditEvents.occurredAt, filter.occurredAfter) : undefined,
    filter.occurredBefore ? lte(auditEvents.occurredAt, filter.occurredBefore) : undefined,
  );
}

/** Audit events, newest first: ids are time-ordered, so paging walks back by id. */
export async function listAuditEvents(
  db: Database,
  filter: AuditEventFilter,
  args: ConnectionArguments,
): Promise<Connection<AuditEventRow>> {
  if (filter.occurredAfter && filter.occurredBefore && filter.occurredAfter > filter.occurredBefore) {
    throw badUserInput('"occurredAfter" must not be later than "occurredBefore"', 'filter');
  }
  const page = pageRequest(CURSOR_KIND, args);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(filterCondition(filter), page.afterId ? lt(auditEvents.id, page.afterId) : undefined))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  return toConnection(CURSOR_KIND, rows, page, async () => {
    const [row] = await db.select({ total: count() }).from(auditEvents).where(filterCondition(filter));
    return row?.total ?? 0;
  });
}
