import DataLoader from 'dataloader';
import { isUuid } from '../db/ids.ts';
import { groupBy } from '../grouping.ts';

/**
 * Records by id, batched per request. Malformed ids never reach the database (a uuid column
 * would reject them with an error); like unknown ids, they resolve to null.
 */
export function recordsById<Row extends { id: string }>(load: (ids: string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const wellFormed = ids.filter(isUuid);
    const rows = wellFormed.length > 0 ? await load(wellFormed) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The rows belonging to each of many parents, batched per request into one statement. */
export function rowsByParent<Row>(
  load: (parentIds: readonly string[]) => Promise<Row[]>,
  parentOf: (row: Row) => string,
): DataLoader<string, Row[]> {
  return new DataLoader(async (parentIds) => {
    const byParent = groupBy(await load(parentIds), parentOf);
    return parentIds.map((id) => byParent.get(id) ?? []);
  });
}
