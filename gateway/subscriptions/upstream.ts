import type { GraphQLFormattedError } from 'graphql';
import { createClient, type FormattedExecutionResult } from 'graphql-ws';
import type { FetchNode } from '@apollo/query-planner';
import WebSocket from 'ws';
import { CALLER_HEADER, signInternalToken, type UserCaller } from '@procuregraph/platform/auth';
import type { Logger } from '@procuregraph/platform/logging';

export interface UpstreamSubscription {
  /** The owning subgraph's GraphQL URL (http or https); its WebSocket is on the same path. */
  readonly url: string;
  readonly fetch: FetchNode;
  readonly variables: Record<string, unknown>;
  readonly caller: UserCaller;
  readonly internalSecret: Uint8Array;
  readonly logger: Logger;
  next(result: FormattedExecutionResult): void;
  /** The subgraph ended the subscription; a failure has been passed to `next` as errors first. */
  complete(): void;
}

function webSocketUrl(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

function isFormattedErrors(value: unknown): value is GraphQLFormattedError[] {
  return Array.isArray(value) && value.every((error) => typeof error?.message === 'string');
}

/**
 * Runs a plan's primary fetch as a subscription on its owning subgraph, over a graphql-ws
 * connection of its own that carries the caller as the gateway-signed internal token (signed
 * anew on each reconnect, since it lives a minute). The connection retries a dropped socket
 * (a subgraph restarting) and re-subscribes; events raised meanwhile are not replayed.
 * Returns the function that ends the subscription and closes the connection.
 */
export function subscribeUpstream(subscription: UpstreamSubscription): () => void {
  const { fetch, caller, internalSecret, logger } = subscription;
  const client = createClient({
    url: webSocketUrl(subscription.url),
    webSocketImpl: WebSocket,
    connectionParams: async () => ({ [CALLER_HEADER]: await signInternalToken(internalSecret, caller) }),
    lazy: true,
  });
  const variables = Object.fromEntries(
    (fetch.variableUsages ?? []).filter((name) => name in subscription.variables).map((name) => [name, subscription.variables[name]]),
  );
  const unsubscribe = client.subscribe<Record<string, unknown>, Record<string, unknown>>(
    { query: fetch.operation, operationName: fetch.operationName, variables },
    {
      next: (result) => subscription.next(result),
      error: (error) => {
        if (isFormattedErrors(error)) subscription.next({ errors: error });
        else {
          logger.error({ err: error, service: fetch.serviceName }, 'lost a subscription to a subgraph');
          subscription.next({
            errors: [
              { message: `The ${fetch.serviceName} subgraph ended the subscription`, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
            ],
          });
        }
        subscription.complete();
      },
      complete: () => subscription.complete(),
    },
  );
  return () => {
    unsubscribe();
    void client.dispose();
  };
}
