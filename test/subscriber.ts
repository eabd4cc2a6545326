import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export type Ending = { kind: 'complete' } | { kind: 'error'; error: unknown };
/** What a subscriber receives; `any` data, as in the HTTP harness, so tests read fields directly. */
export type Result = FormattedExecutionResult<Record<string, any>, unknown>;

/** One subscription through the gateway over a real graphql-ws connection, as a client would open it. */
export interface Subscriber {
  /** Waits for the next `count` results not taken yet. */
  take(count: number, timeoutMs?: number): Promise<Result[]>;
  /** Results received and not taken yet. */
  readonly pending: readonly Result[];
  /** Settles when the server completes the subscription or it fails (a refused connection, a close). */
  readonly ended: Promise<Ending>;
  /** Disconnects, and waits until the socket is closed. */
  close(): Promise<void>;
}

export function webSocketUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/^http/, 'ws');
}

/** `connectionParams` is what travels in connection_init: `{ authorization: "Bearer <JWT>" }`, or nothing. */
export function subscribe(graphqlUrl: string, connectionParams: Record<string, unknown> | undefined, query: string, variables?: Record<string, unknown>): Subscriber {
  const client: Client = createClient({ url: webSocketUrl(graphqlUrl), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
  const results: Result[] = [];
  let notify = () => {};
  let end: (ending: Ending) => void = () => {};
  const ended = new Promise<Ending>((resolve) => (end = resolve));
  const closed = new Promise<void>((resolve) => client.on('closed', () => resolve()));
  const unsubscribe = client.subscribe<Record<string, any>>(
    { query, variables },
    {
      next: (result) => {
        results.push(result);
        notify();
      },
      error: (error) => end({ kind: 'error', error }),
      complete: () => end({ kind: 'complete' }),
    },
  );

  return {
    get pending() {
      return results;
    },
    ended,
    async take(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`expected ${count} results, got ${results.length}: ${JSON.stringify(results)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          notify = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return results.splice(0, count);
    },
    async close() {
      unsubscribe();
      await client.dispose();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
      clearTimeout(timer);
    },
  };
}

