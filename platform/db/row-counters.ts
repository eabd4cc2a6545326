import { and, eq, isNull, sum, type Column, type SQL } from 'drizzle-orm';
import { bigint, smallint, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './database.ts';

/**
 * Maintained row counts, so a list's `totalCount` reads a few counter rows instead of counting the
 * table. A subgraph declares a counter table with these two columns beside its key columns (null
 * in a key column: counted over every value of it) and keeps it exact with statement triggers in
 * its migrations, in the same transaction as the change. A hot key's count (every insert adds to
 * the overall count) is spread over slots, one per writing backend, so concurrent writers update
 * different rows; a read sums the slots.
 */
export const counterSlotColumn = () => smallint().notNull();
export const counterCountColumn = () => bigint({ mode: 'number' }).notNull();

/** One key column's part of a counter key: null selects the rows counted over every value. */
function counterKeyPart(column: Column, value: string | null): SQL {
  return value === null ? isNull(column) : eq(column, value);
}

/** A counter kept per supplier and status, each also counted over every value (a null key column). */
export interface SupplierStatusCounter {
  supplierId: Column;
  status: Column;
}

/**
 * The key of a supplier-and-status counter that holds the count of a list narrowed to `supplierId`
 * (null: every supplier) and `status` (null or absent: every status), or null when the list is
 * narrowed to two suppliers at once (undefined, as `narrowedSupplier` says), which no row counts.
 */
export function supplierStatusCounterKey(
  counter: SupplierStatusCounter,
  supplierId: string | null | undefined,
  status: string | null | undefined,
): SQL | null {
  if (supplierId === undefined) return null;
  return and(counterKeyPart(counter.supplierId, supplierId), counterKeyPart(counter.status, status ?? null))!;
}

/** The count kept for a counter key: its slots summed (no row yet: none counted). */
export async function countedRows(db: Queryable, counter: PgTable & { count: PgColumn }, key: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ total: sum(counter.count).mapWith(Number) })
    .from(counter)
    .where(key);
  return row?.total ?? 0;
}
