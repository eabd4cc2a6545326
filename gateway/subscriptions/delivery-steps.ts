import {
  mergeSubscriberNotification,
  recordSubscriberNotifications,
  type Database,
  type SubscriberNotification,
} from '@procuregraph/platform/db';
import type { Logger } from '@procuregraph/platform/logging';
import { describeError } from '@procuregraph/platform/resilience';

export interface DeliveryStepsOptions {
  /** platform.journey_steps' database; without one, deliveries are not recorded. */
  db: Database | undefined;
  logger: Logger;
  /** How long deliveries gather before one write (default 250 ms). */
  flushIntervalMs?: number;
  /** Events kept for the next write while the database refuses them; past this the oldest are dropped (default 10,000). */
  maxPending?: number;
  /** The longest wait before writing again after failed writes, each failure doubling it from twice the interval (default 30 s). */
  maxRetryDelayMs?: number;
}

/**
 * Records each event's delivery to subscribers as a step of its record's journey, off the
 * delivery path: a delivery only adds to a count in memory, and one INSERT every flush interval
 * writes what gathered (an event delivered to many groups, of one caller or many, is one row).
 * A failed write is logged and kept for the next one, up to `maxPending` events, which comes
 * without waiting for another delivery: after twice the interval, then twice as long after each
 * further failure, up to `maxRetryDelayMs`, so a database that is down is not pressed every
 * interval. Deliveries gathered since the last write are lost if the process dies.
 */
export class DeliverySteps {
  readonly #pending = new Map<string, SubscriberNotification>();
  readonly #flushIntervalMs: number;
  readonly #maxPending: number;
  readonly #maxRetryDelayMs: number;
  /** Writes failed in a row: how far the next one is put off. */
  #failures = 0;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: DeliveryStepsOptions) {
    this.#flushIntervalMs = options.flushIntervalMs ?? 250;
    this.#maxPending = options.maxPending ?? 10_000;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  }

  /** Counts one delivery of an event; returns at once. */
  record(delivery: SubscriberNotification): void {
    if (!this.options.db) return;
    this.#merge(delivery);
    // While a failed write waits to be retried, deliveries join it rather than hasten it.
    if (!this.#timer) this.#flushIn(this.#flushIntervalMs);
  }

  /** Writes what has gathered (after any write under way). */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    this.#writing = this.#writing.then(() => this.#write(batch));
    return this.#writing;
  }

  async #write(batch: SubscriberNotification[]): Promise<void> {
    if (batch.length === 0 || !this.options.db) return;
    try {
      await recordSubscriberNotifications(this.options.db, batch);
      this.#failures = 0;
    } catch (error) {
      this.#failures += 1;
      const retryInMs = Math.min(this.#flushIntervalMs * 2 ** this.#failures, this.#maxRetryDelayMs);
      this.options.logger.error(
        { error: describeError(error), events: batch.length, retryInMs },
        'could not record subscription deliveries',
      );
      for (const delivery of batch) this.#merge(delivery);
      this.#flushIn(retryInMs);
    }
  }

  #flushIn(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), delayMs);
    this.#timer.unref();
  }

  #merge(delivery: SubscriberNotification): void {
    const known = this.#pending.get(delivery.eventId);
    if (known) return mergeSubscriberNotification(known, delivery);
    if (this.#pending.size >= this.#maxPending) this.#pending.delete(this.#pending.keys().next().value!);
    this.#pending.set(delivery.eventId, { ...delivery });
  }
}
