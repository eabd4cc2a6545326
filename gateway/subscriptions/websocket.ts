import type { IncomingMessage, Server } from 'node:http';
import { CloseCode } from 'graphql-ws';
import { getOperationAST, GraphQLError, type OperationDefinitionNode } from 'graphql';
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
import { authenticate, bearerToken, UNAUTHENTICATED, type TokenVerifier } from '../authentication.ts';
import { queryLimits, withQueryLimitCodeOnError } from '../query-limits.ts';
import { RATE_LIMITED, type GatewayRateLimiter } from '../rate-limit.ts';
import { type Refusal, type RefusalAudit } from '../refusal-audit.ts';
import { nodeLimitRefusal } from '../node-count.ts';
import { documentHash, untrustedOperation, type TrustedDocuments } from '../trusted-documents.ts';
import { hideFieldSuggestions, maySeeSchema, type IntrospectionPolicy } from '../schema-disclosure.ts';
import { subscribeFederated, type FederatedSubscriptionOptions, type SubscriptionRequest } from './federated-subscription.ts';

export interface GatewaySubscriptionOptions extends FederatedSubscriptionOptions {
  verifyToken: TokenVerifier;
  introspection: IntrospectionPolicy;
  /** With safelisting, only the manifest's subscriptions run. */
  trustedDocuments?: TrustedDocuments | undefined;
  /** The limiter HTTP requests go through: one count per caller and address, whichever the transport. */
  rateLimiter: GatewayRateLimiter;
  refusals: RefusalAudit;
  /** The client's address from the upgrade request, read as an HTTP request's is (trusted proxies). */
  clientAddress(request: IncomingMessage): string | undefined;
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

/** The connection's caller, once authenticated, and the client's address, as the audit log records it. */
interface ConnectionState extends Record<PropertyKey, unknown> {
  caller: UserCaller;
  clientAddress: string | undefined;
  expiry: NodeJS.Timeout | undefined;
}

type Refused = Omit<Refusal, 'code'>;

/** The code of a refusal the gateway raised (authentication, rate limit), else none. */
function refusalCodeOf(error: unknown): string | undefined {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** A refusal as a WebSocket client receives it: the HTTP status and headers mean nothing there. */
function withoutHttp(error: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { extensions });
}

/**
 * Clients subscribe at the gateway's `/graphql` over graphql-ws, authenticated once per
 * connection by `{"authorization": "Bearer <JWT>"}` in `connection_init`; a connection without a
 * valid token is closed with 4401, and an authenticated one with 4403 when its token expires.
 * `connection_init` and each subscribe count against the same rate limits as HTTP requests (an
 * initialisation over them is closed with 4429, a subscribe answered RATE_LIMITED), and subscribe
 * messages pass the same query limits. Every refusal is written to the audit log, as over HTTP.
 * Each subscription runs through the federated plan.
 */
export function serveGatewaySubscriptions(server: Server, options: GatewaySubscriptionOptions): GraphqlWebSocket {
  return serveGraphqlOverWebSocket<ConnectionState>(server, {
    async onConnect(connection) {
      const { socket, request } = connection.extra;
      const clientAddress = options.clientAddress(request);
      connection.extra.clientAddress = clientAddress;
      try {
        await options.rateLimiter.consumeAddress(clientAddress);
        const authorization = authorizationOf(connection.connectionParams);
        connection.extra.caller = await authenticate(authorization, options.verifyToken);
        const lifetimeMs = lifetimeLeftMs(bearerToken(authorization) as string);
        // The verifier forgives clock skew past `exp`; a connection acknowledged then would be
        // closed at once, and its client would retry with the same token in a loop.
        if (lifetimeMs <= 0) throw new Error('Invalid token (expired)');
        connection.extra.expiry = closeAfter(socket, lifetimeMs);
        return true;
      } catch (error) {
        const code = refusalCodeOf(error) ?? UNAUTHENTICATED;
        options.refusals.record({ caller: undefined, clientAddress, code, operationName: undefined });
        if (code === RATE_LIMITED) socket.close(CloseCode.TooManyInitialisationRequests, (error as Error).message.slice(0, 120));
        else socket.close(CloseCode.Unauthorized, `Unauthorized: ${(error as Error).message}`.slice(0, 120));
        return false;
      }
    },
    onClose(connection) {
      clearTimeout(connection.extra.expiry);
    },
    async onSubscribe(connection, _id, payload) {
      const { socket } = connection.extra;
      const { caller, clientAddress } = connection.extra as ConnectionState;
      const refused: Refused = { caller, clientAddress, operationName: payload.operationName ?? undefined };
      const refusal = (await rateLimitRefusal(options, refused)) ?? untrustedRefusal(options, payload.query, refused);
      if (refusal) return [refusal];
      const checked = checkSubscription(options.planner.schema, payload, queryLimits);
      if (!('document' in checked)) {
        if (!maySeeSchema(options.introspection, caller)) hideFieldSuggestions(checked);
        return refusedForLimits(options, checked.map(withQueryLimitCodeOnError), refused);
      }
      const operation = getOperationAST(checked.document, checked.operationName) as OperationDefinitionNode;
      const tooLarge = nodeLimitRefusal(options.planner.schema, checked.document, operation, checked.variables);
      if (tooLarge) return refusedForLimits(options, [tooLarge], refused);
      const subscription: SubscriptionRequest = {
        ...checked,
        caller,
        onOverflow: () => socket.close(SUBSCRIBER_TOO_SLOW, 'Subscriber fell too far behind; reconnect'),
      };
      return {
        schema: options.planner.schema,
        document: checked.document,
        operationName: checked.operationName,
        variableValues: checked.variables,
        contextValue: subscription,
      };
    },
    subscribe: (args) => subscribeFederated(args.contextValue as SubscriptionRequest, options),
    ...websocketErrorHooks(options.logger),
  });
}

/** A subscribe counts against the caller's and the address's rate, as an HTTP request does. */
async function rateLimitRefusal(options: GatewaySubscriptionOptions, refused: Refused): Promise<GraphQLError | undefined> {
  try {
    await options.rateLimiter.consumeAddress(refused.clientAddress);
    await options.rateLimiter.consumeCaller(refused.caller!.subject);
    return undefined;
  } catch (error) {
    if (refusalCodeOf(error) !== RATE_LIMITED) throw error;
    options.refusals.record({ ...refused, code: RATE_LIMITED });
    return withoutHttp(error as GraphQLError);
  }
}

function untrustedRefusal(options: GatewaySubscriptionOptions, query: string, refused: Refused): GraphQLError | undefined {
  if (!options.trustedDocuments || options.trustedDocuments.has(documentHash(query))) return undefined;
  const refusal = untrustedOperation();
  options.refusals.record({ ...refused, code: refusal.extensions.code as string });
  return refusal;
}

function refusedForLimits(options: GatewaySubscriptionOptions, errors: GraphQLError[], refused: Refused): GraphQLError[] {
  options.refusals.recordLimitErrors(errors, refused);
  return errors;
}
