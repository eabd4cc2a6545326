import type { Server } from 'node:http';
import { CloseCode } from 'graphql-ws';
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CALLER_HEADER, type UserCaller } from '../auth/tokens.ts';
import { executeAudited, type AuditWriting } from '../audit/audit-writing.ts';
import { mapStream } from '../events/map-stream.ts';
import { deliveredEventExtension, originOf, type EventOrigin } from '../events/event-origin.ts';
import { contextFrom, currentTraceCarrier, inSpan, SpanKind } from '../tracing/trace-context.ts';
import type { Logger } from '../logging.ts';
import { checkSubscription } from '../graphql/subscription-operation.ts';
import { websocketErrorHooks } from '../graphql/websocket-errors.ts';
import { serveGraphqlOverWebSocket, type GraphqlWebSocket } from '../graphql/websocket-server.ts';

export interface SubgraphSubscriptionOptions<Context> {
  schema: GraphQLSchema;
  createContext(caller: UserCaller): Context;
  /** The caller an internal token names, or null when the gateway did not sign it. */
  verifyCaller: (token: string) => Promise<UserCaller | null>;
  logger: Logger;
  /** Each event's reads of sensitive fields are recorded here before it is sent. */
  audit: AuditWriting;
}

/**
 * A subgraph's subscriptions over graphql-ws, for the gateway only: the gateway opens the
 * connection for one caller and proves who that is with the same internal token it sends over
 * HTTP, here as `{ "x-procuregraph-caller": <token> }` in `connection_init`.
 */
export function serveSubgraphSubscriptions<Context extends { readonly caller: UserCaller }>(
  server: Server,
  options: SubgraphSubscriptionOptions<Context>,
): GraphqlWebSocket {
  return serveGraphqlOverWebSocket<{ caller: UserCaller }>(server, {
    async onConnect(connection) {
      const token = connection.connectionParams?.[CALLER_HEADER];
      const caller = typeof token === 'string' ? await options.verifyCaller(token) : null;
      if (!caller) {
        connection.extra.socket.close(CloseCode.Unauthorized, 'Subgraphs accept only connections opened by the gateway');
        return false;
      }
      connection.extra.caller = caller;
      return true;
    },
    onSubscribe(connection, _id, payload) {
      const checked = checkSubscription(options.schema, payload);
      if (!('document' in checked)) return checked;
      const caller = connection.extra.caller as UserCaller;
      return {
        schema: options.schema,
        document: checked.document,
        operationName: checked.operationName,
        variableValues: checked.variables,
        contextValue: options.createContext(caller),
      };
    },
    subscribe: (args) => subscribeEventByEvent(args, (context: Context) => options.createContext(context.caller), options.audit),
    ...websocketErrorHooks(options.logger),
  });
}

/**
 * graphql-js's `subscribe`, except that each event runs with a new context: contexts hold
 * per-request caches (DataLoader), and a subscription lives for many events, so a shared context
 * would serve a later event the rows an earlier one loaded, and keep every one of them. Each event
 * from the bus is resolved in a span continuing the trace its change was written in, and is sent
 * with the event, record and trace it is (see `deliveredEventExtension`).
 */
async function subscribeEventByEvent<Context extends { readonly caller: UserCaller }>(
  args: ExecutionArgs,
  contextForEvent: (subscribeContext: Context) => Context,
  audit: AuditWriting,
): Promise<AsyncGenerator<ExecutionResult, undefined, undefined> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const subscribeContext = args.contextValue as Context;
  return mapStream(stream[Symbol.asyncIterator](), async (event) => {
    const contextValue = contextForEvent(subscribeContext);
    const resolve = () =>
      executeAudited(audit, contextValue, args.operationName ?? undefined, async () =>
        execute({ ...args, rootValue: event, contextValue }),
      );
    const origin = originOf(event);
    return origin ? resolveInSpan(audit.service, origin, resolve) : resolve();
  });
}

/** Resolves one event of the bus in a consumer span under the change that raised it, and names it in the result. */
function resolveInSpan(service: string, origin: EventOrigin, resolve: () => Promise<ExecutionResult>): Promise<ExecutionResult> {
  const span = {
    component: service,
    name: `subscription event ${origin.topic}`,
    kind: SpanKind.CONSUMER,
    parent: contextFrom(origin.traceContext),
    attributes: {
      'messaging.system': 'procuregraph-events',
      'messaging.destination.name': origin.topic,
      'messaging.message.id': origin.eventId,
    },
  };
  return inSpan(span, async () => {
    const result = await resolve();
    const extension = deliveredEventExtension(origin, currentTraceCarrier() ?? origin.traceContext);
    return { ...result, extensions: { ...result.extensions, ...extension } };
  });
}
