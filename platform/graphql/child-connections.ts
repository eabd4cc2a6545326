import DataLoader from 'dataloader';
import { gt, type Column, type SQL } from 'drizzle-orm';
import { unionAll, type PgSelect } from 'drizzle-orm/pg-core';
import { groupBy } from '../grouping.ts';
import { pageRequest, toConnection, type Connection, type ConnectionArguments, type PageRequest } from './connection.ts';

/** Keyset condition: the rows after the cursor's row, or every row. */
export function afterCursor(idColumn: Column, page: PageRequest): SQL | undefined {
  return page.afterId ? gt(idColumn, page.afterId) : undefined;
}

export interface ChildListQueries<Row extends { id: string }> {
  /** The cursor kind of this list, e.g. "Supplier.purchaseOrders". */
  readonly kind: string;
  parentOf(row: Row): string;
  /** One parent's rows after `fetch.afterId`, ordered by id, at most `fetch.limit` (not yet executed). */
  page(parentId: string, fetch: PageRequest): PgSelect;
  /** How many rows each parent has in all. */
  counts(parentIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
}

interface PageKey {
  parentId: string;
  page: PageRequest;
}

/**
 * Resolves a connection nested under many parents (each supplier's purchase orders, ...) with a
 * constant number of statements: one UNION ALL of per-parent keyset pages (each uses the
 * (parent, id) index and stops at its limit), and one grouped count when `totalCount` is asked.
 */
export function childConnections<Row extends { id: string }>(
  queries: ChildListQueries<Row>,
): (parentId: string, args: ConnectionArguments) => Promise<Connection<Row>> {
  const pages = new DataLoader<PageKey, Row[], string>(
    async (keys) => {
      const pageOf = (key: PageKey) => `${key.page.limit}:${key.page.afterId ?? ''}`;
      const rowsByKey = new Map<string, Row[]>();
      for (const [pageId, group] of groupBy(keys, pageOf)) {
        const { page } = group[0]!;
        const [first, second, ...rest] = group.map((key) => queries.page(key.parentId, { ...page, limit: page.limit + 1 }));
        const rows = (second ? await unionAll(first!, second, ...rest) : await first!) as Row[];
        for (const [parentId, parentRows] of groupBy(rows, queries.parentOf)) {
          rowsByKey.set(
            `${pageId}:${parentId}`,
            parentRows.sort((a, b) => (a.id < b.id ? -1 : 1)),
          );
        }
      }
      return keys.map((key) => rowsByKey.get(`${pageOf(key)}:${key.parentId}`) ?? []);
    },
    { cacheKeyFn: (key) => `${key.parentId}:${key.page.limit}:${key.page.afterId ?? ''}` },
  );
  const counts = new DataLoader<string, number>(async (parentIds) => {
    const byParent = await queries.counts(parentIds);
    return parentIds.map((id) => byParent.get(id) ?? 0);
  });

  return async (parentId, args) => {
    const page = pageRequest(queries.kind, args);
    const rows = await pages.load({ parentId, page });
    return toConnection(queries.kind, rows, page, () => counts.load(parentId));
  };
}
