import type { FindingInput } from './findings.ts';
import type { Checkpoint, ComparedPage } from './run-part.ts';

/** A page of a system's records as a cursor-paged API returns it (the vendor platform's lists). */
export interface CursorPage<Item> {
  items: readonly Item[];
  nextCursor: string | null;
}

/** What a comparer over a cursor-paged system says; the paging and the page's bookkeeping are shared. */
export interface CursorPagedComparison<Item, Row> {
  /** The system's page after the cursor (through the system's breaker and timeout). */
  read(cursor: string | null, signal?: AbortSignal): Promise<CursorPage<Item>>;
  /** The canonical rows the page's items name, by the item's id: one query per page. */
  canonicalOf(items: readonly Item[]): Promise<ReadonlyMap<string, Row>>;
  itemId(item: Item): string;
  recordKey(item: Item): string;
  compare(item: Item, canonical: Row | undefined): FindingInput[];
}

/** One page of a cursor-paged system compared with the canonical rows it names; the checkpoint keeps the cursor. */
export async function compareCursorPage<Item, Row>(
  comparison: CursorPagedComparison<Item, Row>,
  checkpoint: Checkpoint | null,
  signal?: AbortSignal,
): Promise<ComparedPage> {
  const cursor = typeof checkpoint?.cursor === 'string' ? checkpoint.cursor : null;
  const page = await comparison.read(cursor, signal);
  const canonical = await comparison.canonicalOf(page.items);
  return {
    compared: page.items.length,
    seenKeys: page.items.map((item) => comparison.recordKey(item)),
    findings: page.items.flatMap((item) => comparison.compare(item, canonical.get(comparison.itemId(item)))),
    next: page.nextCursor ? { cursor: page.nextCursor } : null,
  };
}
