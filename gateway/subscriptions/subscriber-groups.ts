import type { ExecutionResult } from 'graphql-ws';

/** One subscriber's end of a group: its own bounded queue. */
export interface Subscriber {
  /** False when the subscriber did not take it (it had left, or fell too far behind and is cut off). */
  push(result: ExecutionResult): boolean;
  end(): void;
}

/** Hands a result to every subscriber of the group; returns how many took it. */
export type Publish = (result: ExecutionResult) => number;

/** Starts what feeds a group; returns the function that stops it. */
export type GroupSource = (publish: Publish, end: () => void) => () => void;

interface Group {
  readonly subscribers: Set<Subscriber>;
  stop: () => void;
}

/**
 * Subscribers who asked the same thing as the same caller get the same events, so they share one
 * source: one upstream subscription and one completion of each event, fanned out to each
 * subscriber's own queue. The source starts with the first subscriber and stops when the last one
 * leaves.
 */
export class SubscriberGroups {
  readonly #groups = new Map<string, Group>();

  /** Adds a subscriber to the group with `key`, starting its source if it is the first; returns how it leaves. */
  join(key: string, subscriber: Subscriber, source: GroupSource): () => void {
    let group = this.#groups.get(key);
    if (!group) {
      const created: Group = { subscribers: new Set(), stop: () => {} };
      this.#groups.set(key, created);
      created.stop = source(
        (result) => {
          let delivered = 0;
          for (const member of created.subscribers) if (member.push(result)) delivered += 1;
          return delivered;
        },
        () => this.#end(key, created),
      );
      group = created;
    }
    group.subscribers.add(subscriber);
    const joined = group;
    return () => {
      if (!joined.subscribers.delete(subscriber) || joined.subscribers.size > 0) return;
      joined.stop();
      if (this.#groups.get(key) === joined) this.#groups.delete(key);
    };
  }

  /** Upstream subscriptions open now (one per group). */
  get groupCount(): number {
    return this.#groups.size;
  }

  /** Subscribers in every group. */
  get subscriberCount(): number {
    let count = 0;
    for (const group of this.#groups.values()) count += group.subscribers.size;
    return count;
  }

  #end(key: string, group: Group): void {
    if (this.#groups.get(key) === group) this.#groups.delete(key);
    for (const member of [...group.subscribers]) member.end();
    group.subscribers.clear();
  }
}
