import type { Server } from 'node:http';
import type { UserCaller } from '@procuregraph/platform/auth/tokens';
import { checkSubscription } from '@procuregraph/platform/graphql/subscription-operation';
import { websocketErrorHooks } from '@procuregraph/platform/graphql/websocket-errors';
import { serveGraphqlOverWebSocket, type ConnectionParams, type GraphqlWebSocket } from '@procuregraph/platform/graphql/websocket-server';
import { authenticate, type TokenVerifier } from '../authentication.ts';
import { subscribeFederated, type FederatedSubscriptionOptions, type SubscriptionRequest } from './federated-subscription.ts';

export interface GatewaySubscriptionOptions extends FederatedSubscriptionOptions {
  verifyToken: TokenVerifier;
}

/** graphql-ws's close code for a connection without valid credentials. */
const UNAUTHORIZED = 4401;
/** RFC 6455 "Try Again Later": the server casts off a client it cannot keep up with. */
export const SUBSCRIBER_TOO_SLOW = 1013;

function authorizationOf(params: ConnectionParams): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Clients subscribe at the gateway's `/graphql` over graphql-ws, authenticated once per
 * connection by `{"authorization": "Bearer <JWT>"}` in `connection_init`; a connection without a
 * valid token is closed with 4401. Each subscription runs through the federated plan.
 */
export function serveGatewaySubscriptions(server: Server, options: GatewaySubscriptionOptions): GraphqlWebSocket {
  return serveGraphqlOverWebSocket<{ caller: UserCaller }>(server, {
    async onConnect(connection) {
      try {
        connection.extra.caller = await authenticate(authorizationOf(connection.connectionParams), options.verifyToken);
        return true;
      } catch (error) {
        connection.extra.socket.close(UNAUTHORIZED, `Unauthorized: ${(error as Error).message}`.slice(0, 120));
        return false;
      }
    },
    onSubscribe(connection, _id, payload) {
      const checked = checkSubscription(options.planner.schema, payload);
      if (!('document' in checked)) return checked;
      const { socket } = connection.extra;
      const request: SubscriptionRequest = {
        ...checked,
        caller: connection.extra.caller as UserCaller,
        onOverflow: () => socket.close(SUBSCRIBER_TOO_SLOW, 'Subscriber fell too far behind; reconnect'),
      };
      return { schema: options.planner.schema, document: checked.document, operationName: checked.operationName, variableValues: checked.variables, contextValue: request };
    },
    subscribe: (args) => subscribeFederated(args.contextValue as SubscriptionRequest, options),
    ...websocketErrorHooks(options.logger),
  });
}
