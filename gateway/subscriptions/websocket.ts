import type { Server } from 'node:http';
import { CloseCode } from 'graphql-ws';
import { getOperationAST, type OperationDefinitionNode } from 'graphql';
import { decodeJwt } from 'jose';
import type { WebSocket } from 'ws';
import type { UserCaller } from '@procuregraph/platform/auth';
import {
  checkSubscription,
  websocketErrorHooks,
  serveGraphqlOverWebSocket,
  type ConnectionParams,
  type GraphqlWebSocket,
} from '@procuregraph/platform/graphql';
import { authenticate, bearerToken, type TokenVerifier } from '../authentication.ts';
import { queryLimits, withQueryLimitCodeOnError } from '../query-limits.ts';
import { nodeLimitRefusal } from '../node-count.ts';
import { documentHash, untrustedOperation, type TrustedDocuments } from '../trusted-documents.ts';
import { hideFieldSuggestions, maySeeSchema, type IntrospectionPolicy } from '../schema-disclosure.ts';
import { subscribeFederated, type FederatedSubscriptionOptions, type SubscriptionRequest } from './federated-subscription.ts';

export interface GatewaySubscriptionOptions extends FederatedSubscriptionOptions {
  verifyToken: TokenVerifier;
  introspection: IntrospectionPolicy;
  /** With safelisting, only the manifest's subscriptions run. */
  trustedDocuments?: TrustedDocuments | undefined;
}

/**
 * graphql-ws's Forbidden: the connection's token has expired. Unlike Unauthorized, graphql-ws clients
 * retry after it, asking their `connectionParams` again, so a client that refreshes its token
 * reconnects; one that sends the expired token again is refused with Unauthorized.
 */
export const TOKEN_EXPIRED = CloseCode.Forbidden;
// setTimeout's longest delay (about 24.8 days); a longer-lived token is rechecked by reconnecting then.
const LONGEST_TIMER_MS = 2 ** 31 - 1;
/** RFC 6455 "Try Again Later": the server casts off a client it cannot keep up with. */
export const SUBSCRIBER_TOO_SLOW = 1013;

function authorizationOf(params: ConnectionParams): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/** Milliseconds until a verified token expires (Infinity when it never does). */
function lifetimeLeftMs(token: string): number {
  const { exp } = decodeJwt(token);
  return exp === undefined ? Infinity : exp * 1000 - Date.now();
}

/** Closes the socket when its token expires, so an expired identity stops hearing events. */
function closeAfter(socket: WebSocket, lifetimeMs: number): NodeJS.Timeout | undefined {
  if (lifetimeMs === Infinity) return undefined;
  const timer = setTimeout(() => socket.close(TOKEN_EXPIRED, 'Forbidden: token expired'), Math.min(lifetimeMs, LONGEST_TIMER_MS));
  timer.unref();
  return timer;
}

/**
 * Clients subscribe at the gateway's `/graphql` over graphql-ws, authenticated once per
 * connection by `{"authorization": "Bearer <JWT>"}` in `connection_init`; a connection without a
 * valid token is closed with 4401, and an authenticated one with 4403 when its token expires.
 * Subscribe messages pass the same query limits as HTTP requests. Each subscription runs through
 * the federated plan.
 */
export function serveGatewaySubscriptions(server: Server, options: GatewaySubscriptionOptions): GraphqlWebSocket {
  return serveGraphqlOverWebSocket<{ caller: UserCaller; expiry: NodeJS.Timeout | undefined }>(server, {
    async onConnect(connection) {
      try {
        const authorization = authorizationOf(connection.connectionParams);
        connection.extra.caller = await authenticate(authorization, options.verifyToken);
        const lifetimeMs = lifetimeLeftMs(bearerToken(authorization) as string);
        // The verifier forgives clock skew past `exp`; a connection acknowledged then would be
        // closed at once, and its client would retry with the same token in a loop.
        if (lifetimeMs <= 0) throw new Error('Invalid token (expired)');
        connection.extra.expiry = closeAfter(connection.extra.socket, lifetimeMs);
        return true;
      } catch (error) {
        connection.extra.socket.close(CloseCode.Unauthorized, `Unauthorized: ${(error as Error).message}`.slice(0, 120));
        return false;
      }
    },
    onClose(connection) {
      clearTimeout(connection.extra.expiry);
    },
    onSubscribe(connection, _id, payload) {
      if (options.trustedDocuments && !options.trustedDocuments.has(documentHash(payload.query))) return [untrustedOperation()];
      const checked = checkSubscription(options.planner.schema, payload, queryLimits);
      if (!('document' in checked)) {
        if (!maySeeSchema(options.introspection, connection.extra.caller)) hideFieldSuggestions(checked);
        return checked.map(withQueryLimitCodeOnError);
      }
      const operation = getOperationAST(checked.document, checked.operationName) as OperationDefinitionNode;
      const refusal = nodeLimitRefusal(options.planner.schema, checked.document, operation, checked.variables);
      if (refusal) return [refusal];
      const { socket } = connection.extra;
      const request: SubscriptionRequest = {
        ...checked,
        caller: connection.extra.caller as UserCaller,
        onOverflow: () => socket.close(SUBSCRIBER_TOO_SLOW, 'Subscriber fell too far behind; reconnect'),
      };
      return {
        schema: options.planner.schema,
        document: checked.document,
        operationName: checked.operationName,
        variableValues: checked.variables,
        contextValue: request,
      };
    },
    subscribe: (args) => subscribeFederated(args.contextValue as SubscriptionRequest, options),
    ...websocketErrorHooks(options.logger),
  });
}
