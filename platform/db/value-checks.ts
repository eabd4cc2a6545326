import { sql, type SQL } from 'drizzle-orm';
import { check, type ExtraConfigColumn } from 'drizzle-orm/pg-core';

function literal(value: string): SQL {
  return sql.raw(`'${value.replaceAll("'", "''")}'`);
}

/**
 * A check constraint keeping `column` to `values`: the same `as const` array its TypeScript type
 * is read from, so the database refuses what the type forbids and the two cannot drift apart.
 * NULL passes, as in every check constraint: nullability is the column's own. The values are
 * written as literals because drizzle-kit copies the constraint into a migration, which has no
 * parameters.
 */
export function valueCheck(name: string, column: ExtraConfigColumn, values: readonly string[]) {
  return check(name, sql`${column} in (${sql.join(values.map(literal), sql.raw(', '))})`);
}
