import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Transaction } from '../db/database.ts';
import type { integrationTables } from '../db/integration-tables.ts';
import { WakeSignal } from '../jobs/wake-signal.ts';
import type { Logger } from '../logging.ts';
import { describeError } from '../resilience/failures.ts';
import { processInboundEvent, type InboundEvent, type InboundOutcome, type InboundTables } from './inbound-events.ts';

export type FeedTables = InboundTables & Pick<ReturnType<typeof integrationTables>, 'feedCursors'>;

export interface FeedPage<Item> {
  items: Item[];
  /** Where the next read starts: the position after these items. */
  cursor: string | null;
}

export interface FeedPollerOptions<Item> {
  db: Database;
  tables: FeedTables;
  /** Also the `source` of the inbound events, so feed items and webhooks deduplicate together. */
  source: string;
  logger: Logger;
  intervalMs: number;
  /** Reads the items after `cursor` (null: from the beginning); wrap it in the system's policy. */
  fetchPage(cursor: string | null): Promise<FeedPage<Item>>;
  /** The item's event id and, if it carries an entity's state, its version. */
  describe(item: Item): Omit<InboundEvent, 'source'>;
  apply(tx: Transaction, item: Item): Promise<void>;
}

export type CatchUpResult = Record<InboundOutcome, number>;

export interface FeedPoller {
  /** Catches up now, then every `intervalMs`. */
  start(): void;
  stop(): Promise<void>;
  /** Reads the feed from the stored cursor to its end, applying what webhooks missed. */
  catchUp(): Promise<CatchUpResult>;
}

/**
 * Reads a source's feed from a cursor kept in the database, so a process that starts catches up
 * on whatever happened while nobody listened. Items are applied one by one through the inbound
 * deduplication: a page read twice (after a crash, or by two pollers) applies nothing twice.
 */
export function createFeedPoller<Item>(options: FeedPollerOptions<Item>): FeedPoller {
  const { db, tables, source } = options;
  const cursors = tables.feedCursors;
  const log = options.logger.child({ component: 'feed-poller', source });
  const signal = new WakeSignal();
  let running = false;
  let looping: Promise<void> = Promise.resolve();

  async function readCursor(): Promise<string | null> {
    await db.insert(cursors).values({ source, cursor: null }).onConflictDoNothing();
    const [row] = await db.select({ cursor: cursors.cursor }).from(cursors).where(eq(cursors.source, source));
    return row?.cursor ?? null;
  }

  /** Moves the cursor only from where this poller read it; false if another poller got there first. */
  async function advanceCursor(from: string | null, to: string | null): Promise<boolean> {
    const moved = await db
      .update(cursors)
      .set({ cursor: to, updatedAt: new Date() })
      .where(and(eq(cursors.source, source), from === null ? isNull(cursors.cursor) : eq(cursors.cursor, from)))
      .returning({ source: cursors.source });
    return moved.length === 1;
  }

  async function catchUp(): Promise<CatchUpResult> {
    const result: CatchUpResult = { APPLIED: 0, DUPLICATE: 0, SUPERSEDED: 0 };
    let cursor = await readCursor();
    for (;;) {
      const page = await options.fetchPage(cursor);
      if (page.items.length === 0) return result;
      for (const item of page.items) {
        const event = { ...options.describe(item), source };
        result[await processInboundEvent(db, tables, event, (tx) => options.apply(tx, item))] += 1;
      }
      if (!(await advanceCursor(cursor, page.cursor))) return result;
      cursor = page.cursor;
    }
  }

  async function loop(): Promise<void> {
    while (running) {
      await catchUp().catch((error: unknown) => log.warn({ error: describeError(error) }, 'feed catch-up failed'));
      if (running) await signal.sleep(options.intervalMs);
    }
  }

  return {
    catchUp,
    start() {
      if (running) return;
      running = true;
      looping = loop();
    },
    async stop() {
      running = false;
      signal.wake();
      await looping;
    },
  };
}
