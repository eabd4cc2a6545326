/** The consumer of a queue fell too far behind its producer. */
export class QueueOverflowError extends Error {
  constructor(readonly limit: number) {
    super(`Subscriber fell too far behind: more than ${limit} events were waiting`);
    this.name = 'QueueOverflowError';
  }
}

export interface EventQueueOptions {
  /** How many items may wait for the consumer; one more and the queue fails. */
  limit: number;
  /** Called once when the queue stops (returned, failed or ended): free what feeds it. */
  release: () => void;
  /** Called when the queue fails because the consumer fell behind. */
  onOverflow?: (error: QueueOverflowError) => void;
}

type Waiter<T> = { resolve(result: IteratorResult<T, undefined>): void; reject(error: unknown): void };

const DONE = { done: true, value: undefined } as const;

/**
 * A bounded push-to-pull queue between a producer that must never wait (a NOTIFY listener, a
 * WebSocket) and a consumer that may be slow (a subscriber). Memory stays bounded: a consumer that
 * lets `limit` items pile up loses its subscription instead of buffering without end.
 */
export class EventQueue<T> implements AsyncGenerator<T, undefined, undefined> {
  private readonly items: T[] = [];
  private readonly waiters: Waiter<T>[] = [];
  private state: 'open' | 'ending' | 'stopped' = 'open';
  private failure: Error | null = null;

  constructor(private readonly options: EventQueueOptions) {}

  /** Hands the item to the consumer or queues it; false when the queue had stopped or overflowed (the item is dropped). */
  push(item: T): boolean {
    if (this.state !== 'open') return false;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve({ done: false, value: item });
      return true;
    }
    if (this.items.length >= this.options.limit) {
      const error = new QueueOverflowError(this.options.limit);
      this.fail(error);
      this.options.onOverflow?.(error);
      return false;
    }
    this.items.push(item);
    return true;
  }

  /** No more items will come: the consumer gets those waiting, then the end. */
  end(): void {
    if (this.state !== 'open') return;
    this.state = 'ending';
    this.options.release();
    if (this.items.length === 0) this.stop();
  }

  /** Drops what is waiting; the consumer's next read throws `error`. */
  fail(error: Error): void {
    if (this.state === 'stopped') return;
    this.items.length = 0;
    const waiter = this.waiters.shift();
    if (waiter) waiter.reject(error);
    else this.failure = error;
    this.stop();
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    if (this.items.length > 0) {
      const item = this.items.shift() as T;
      if (this.state === 'ending' && this.items.length === 0) this.stop();
      return { done: false, value: item };
    }
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      throw failure;
    }
    if (this.state !== 'open') return DONE;
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.items.length = 0;
    this.failure = null;
    this.stop();
    return DONE;
  }

  async throw(error: unknown): Promise<IteratorResult<T, undefined>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** `await using` a queue releases its subscription like leaving the loop does. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  private stop(): void {
    if (this.state === 'stopped') return;
    const wasOpen = this.state === 'open';
    this.state = 'stopped';
    if (wasOpen) this.options.release();
    for (const waiter of this.waiters.splice(0)) waiter.resolve(DONE);
  }
}
