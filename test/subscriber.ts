import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

export type Ending = { kind: 'complete' } | { kind: 'error'; error: unknown };
/** What a subscriber receives: the data its document selects. */
export type Result<Data> = FormattedExecutionResult<Data, unknown>;

/** One subscription through the gateway over a real graphql-ws connection, as a client would open it. */
export interface Subscriber<Data> {
  /** Waits for the next `count` results not taken yet. */
  take(count: number, timeoutMs?: number): Promise<Result<Data>[]>;
  /** Results received and not taken yet. */
  readonly pending: readonly Result<Data>[];
  /** Settles when the server completes the subscription or it fails (a refused connection, a close). */
  readonly ended: Promise<Ending>;
  /** Disconnects, and waits until the socket is closed. */
  close(): Promise<void>;
}

export function webSocketUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/^http/, 'ws');
}

/**
 * `connectionParams` is what travels in connection_init: `{ authorization: "Bearer <JWT>" }`, or nothing.
 * A typed document (`graphql(…)` from `./generated/gql.ts`) types the results; a string is for what
 * the schema refuses on purpose, with the shape of data the test expects (none, by default).
 */
export function subscribe<Data, Variables>(
  graphqlUrl: string,
  connectionParams: Record<string, unknown> | undefined,
  document: TypedDocumentNode<Data, Variables>,
  variables?: Variables,
): Subscriber<Data>;
export function subscribe<Data = never>(
  graphqlUrl: string,
  connectionParams: Record<string, unknown> | undefined,
  document: string,
  variables?: Record<string, unknown>,
): Subscriber<Data>;
export function subscribe<Data>(
  graphqlUrl: string,
  connectionParams: Record<string, unknown> | undefined,
  document: TypedDocumentNode<Data> | string,
  variables?: unknown,
): Subscriber<Data> {
  const query = typeof document === 'string' ? document : print(document);
  const client: Client = createClient({
    url: webSocketUrl(graphqlUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
  const results: Result<Data>[] = [];
  let notify = () => {};
  let end: (ending: Ending) => void = () => {};
  const ended = new Promise<Ending>((resolve) => (end = resolve));
  const closed = new Promise<void>((resolve) => client.on('closed', () => resolve()));
  const unsubscribe = client.subscribe<Data>(
    { query, variables: variables as Record<string, unknown> | undefined },
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
