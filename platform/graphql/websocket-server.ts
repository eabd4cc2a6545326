import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { ServerOptions } from 'graphql-ws';

/** GraphQL over WebSocket (`graphql-transport-ws`) on a server's `/graphql`. */
export interface GraphqlWebSocket {
  /** Open client connections. */
  readonly connectionCount: number;
  /** Closes every connection (1001 Going Away), cutting off clients that do not answer, and stops. */
  close(): Promise<void>;
}

export type ConnectionParams = Record<string, unknown> | undefined;

// An operation is small; the same limit as an HTTP body.
const MAX_MESSAGE_BYTES = 1024 * 1024;
// How long a client gets to answer the close handshake: a blocked one never does.
const CLOSE_GRACE_MS = 1_000;
const GOING_AWAY = 1001;

/**
 * Serves graphql-ws on the HTTP server's port at `/graphql`, beside GraphQL over HTTP. Browsers do
 * not apply CORS to WebSockets, but credentials travel in `connection_init`, never in cookies, so
 * another site's page cannot borrow a user's session.
 */
export function serveGraphqlOverWebSocket<Additional extends Record<PropertyKey, unknown>>(
  server: Server,
  options: ServerOptions<ConnectionParams, Extra & Partial<Additional>>,
): GraphqlWebSocket {
  const sockets = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  // isProd: close reasons never carry an internal error's message.
  const graphqlServer = useServer<ConnectionParams, Additional>({ ...options, isProd: true }, sockets);
  let closing: Promise<void> | null = null;

  async function closeAll(): Promise<void> {
    for (const socket of sockets.clients) socket.close(GOING_AWAY, 'Server shutting down');
    const cutOff = setTimeout(() => {
      for (const socket of sockets.clients) socket.terminate();
    }, CLOSE_GRACE_MS);
    try {
      await graphqlServer.dispose();
    } finally {
      clearTimeout(cutOff);
    }
  }

  return {
    get connectionCount() {
      return sockets.clients.size;
    },
    close() {
      closing ??= closeAll();
      return closing;
    },
  };
}
