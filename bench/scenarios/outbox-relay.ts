import { openDatabaseClient } from '@procuregraph/platform/db';
import { startLoneRelay } from '@procuregraph/platform/testing';
import type { BenchPlan } from '../config.ts';
import { spreadOf, type Spread } from '../stats.ts';

export interface OutboxRelayFigure {
  /** Events committed together before each dispatch: the size of a payment run's burst. */
  eventsPerBatch: number;
  /** Milliseconds of one `dispatchPending` moving them to jobs (one transaction: rows locked, jobs and journey steps written, rows marked, listeners notified). */
  batchMs: Spread;
}

const EVENTS_PER_BATCH = 32;
const WARM_UP_BATCHES = 2;
const BATCHES_PER_REPEAT = 5;

/**
 * The outbox relay alone, in this process, on the bench's PostgreSQL (in schemas of its own): a
 * burst of events committed together, then dispatched, timed per batch.
 */
export async function measureOutboxRelay(databaseUrl: string, plan: BenchPlan): Promise<OutboxRelayFigure> {
  const relay = await startLoneRelay(await openDatabaseClient({ url: databaseUrl, maxConnections: 4 }));
  try {
    const samples: number[] = [];
    for (let batch = 0; batch < WARM_UP_BATCHES + plan.repeats * BATCHES_PER_REPEAT; batch += 1) {
      await relay.appendBurst(EVENTS_PER_BATCH);
      const started = performance.now();
      const dispatched = await relay.dispatchPending();
      if (dispatched !== EVENTS_PER_BATCH) throw new Error(`The relay dispatched ${dispatched} of ${EVENTS_PER_BATCH} events`);
      if (batch >= WARM_UP_BATCHES) samples.push(performance.now() - started);
    }
    return { eventsPerBatch: EVENTS_PER_BATCH, batchMs: spreadOf(samples) };
  } finally {
    await relay.close();
  }
}
