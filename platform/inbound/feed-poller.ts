import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import type { integrationTables } from '../db/integration-tables.ts';
import { WakeSignal } from '../jobs/wake-signal.ts';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import type { Logger } from '../logging.ts';
import { inSpan, NEW_TRACE, SpanKind } from '../tracing/trace-context.ts';
import { describeError } from '../resilience/failures.ts';
import type { InboundEvent, InboundOutcome } from './inbound-events.ts';
import { systemOfSource } from './feed-lag.ts';
import type { InboundQueue } from './inbound-queue.ts';

export type FeedTables = Pick<ReturnType<typeof integrationTables>, 'feedCursors'>;

export interface FeedPage<Item> {
  items: Item[];
  /** Where the next read starts: the position after these items. */
  cursor: string | null;
}

export interface FeedPollerOptions<Item> {
  db: Database;
  tables: FeedTables;
  logger: Logger;
  intervalMs: number;
  /** Reads the items after `cursor` (null: from the beginning); wrap it in the system's policy. */
  fetchPage(cursor: string | null): Promise<FeedPage<Item>>;
  /** The item's event id and, if it carries an entity's state, its version. */
  describe(item: Item): Omit<InboundEvent, 'source'>;
  /**
   * How an item is applied (the same way as the source's webhooks, so the two deduplicate
   * together), and where one that cannot be applied is parked.
   */
  inbound: InboundQueue<Item>;
}

/** What a catch-up did with the items it read: PARKED ones wait among the dead letters. */
export type CatchUpResult = Record<InboundOutcome | 'PARKED', number>;

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
 * deduplication: a page read twice (after a crash, or by two pollers) applies nothing twice. An
 * item that cannot be applied (unreadable, about a record not known here, refused by a rule) is
 * parked with its error and the cursor moves on: one poison event never holds up the rest.
 */
export function createFeedPoller<Item>(options: FeedPollerOptions<Item>): FeedPoller {
  const { db, tables, inbound } = options;
  const source = inbound.source;
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

  /**
   * Moves the cursor only from where this poller read it; false if another poller got there first.
   * The overview hears of each move: the feed's events were read, and those not applied parked.
   */
  async function advanceCursor(from: string | null, to: string | null): Promise<boolean> {
    const moved = await db
      .update(cursors)
      .set({ cursor: to, updatedAt: new Date() })
      .where(and(eq(cursors.source, source), from === null ? isNull(cursors.cursor) : eq(cursors.cursor, from)))
      .returning({ source: cursors.source });
    if (moved.length === 1) await announceOperationsChanges(db, [{ topic: 'FEEDS', system: systemOfSource(source) }]);
    return moved.length === 1;
  }

  /** Each item a trace of its own (a feed carries no caller's context), which the jobs its effect queues continue. */
  function deliver(item: Item): Promise<keyof CatchUpResult> {
    const event = { ...options.describe(item), source };
    const span = {
      component: 'feed',
      name: `feed item ${source}`,
      kind: SpanKind.CONSUMER,
      parent: NEW_TRACE,
      attributes: { 'messaging.system': source, 'messaging.message.id': event.sourceEventId },
    };
    return inSpan(span, async (active) => {
      const outcome = await applyOrPark(event, item);
      active.setAttribute('procuregraph.inbound.outcome', outcome);
      return outcome;
    });
  }

  async function applyOrPark(event: InboundEvent, item: Item): Promise<keyof CatchUpResult> {
    try {
      return await inbound.process(event, item);
    } catch (error) {
      log.warn({ sourceEventId: event.sourceEventId, error: describeError(error) }, 'feed item parked');
      await inbound.park(event, item, error);
      return 'PARKED';
    }
  }

  async function catchUp(): Promise<CatchUpResult> {
    const result: CatchUpResult = { APPLIED: 0, DUPLICATE: 0, SUPERSEDED: 0, PARKED: 0 };
    let cursor = await readCursor();
    for (;;) {
      const page = await options.fetchPage(cursor);
      if (page.items.length === 0) return result;
      for (const item of page.items) result[await deliver(item)] += 1;
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
