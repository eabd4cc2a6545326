import { recordSubscriberNotifications, type Database, type SubscriberNotification } from '@procuregraph/platform/db';
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
}

/**
 * Records each event's delivery to subscribers as a step of its record's journey, off the
 * delivery path: a delivery only adds to a count in memory, and one INSERT every flush interval
 * writes what gathered (an event delivered to many groups, of one caller or many, is one row).
 * A failed write is logged and kept for the next one, up to `maxPending` events; deliveries
 * gathered since the last write are lost if the process dies (at most one interval's).
 */
export class DeliverySteps {
  readonly #pending = new Map<string, SubscriberNotification>();
  readonly #flushIntervalMs: number;
  readonly #maxPending: number;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: DeliveryStepsOptions) {
    this.#flushIntervalMs = options.flushIntervalMs ?? 250;
    this.#maxPending = options.maxPending ?? 10_000;
  }

  /** Counts one delivery of an event; returns at once. */
  record(delivery: SubscriberNotification): void {
    if (!this.options.db) return;
    this.#merge(delivery);
    if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), this.#flushIntervalMs);
      this.#timer.unref();
    }
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
    } catch (error) {
      this.options.logger.error({ error: describeError(error), events: batch.length }, 'could not record subscription deliveries');
      for (const delivery of batch) this.#merge(delivery);
    }
  }

  #merge(delivery: SubscriberNotification): void {
    const known = this.#pending.get(delivery.eventId);
    if (known) {
      known.subscribers += delivery.subscribers;
      if (delivery.at < known.at) known.at = delivery.at;
      known.durationMs = Math.max(known.durationMs, delivery.durationMs);
      known.traceId ??= delivery.traceId;
      return;
    }
    if (this.#pending.size >= this.#maxPending) this.#pending.delete(this.#pending.keys().next().value!);
    this.#pending.set(delivery.eventId, { ...delivery });
  }
}
