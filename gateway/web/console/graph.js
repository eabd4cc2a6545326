// The console is only a graph client: every read and write goes through /graphql with the
// signed-in person's token, so it can never see more than that person's role may.
import { createClient } from 'graphql-ws';

export class GraphError extends Error {}

/** `token()` is read at each request and socket opening, so a renewed token is used without a new client. */
export function graphClient(token) {
  const socket = createClient({
    url: `${location.origin.replace(/^http/, 'ws')}/graphql`,
    connectionParams: () => ({ authorization: `Bearer ${token()}` }),
    lazy: true,
    retryAttempts: 5,
  });
  return {
    async request(query, variables = {}) {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.json();
      if (body.errors?.length) throw new GraphError(body.errors.map((error) => error.message).join('; '));
      return body.data;
    },
    /** Calls `onEvent` for each event; returns the function that ends the subscription. */
    subscribe(query, variables, onEvent) {
      return socket.subscribe(
        { query, variables },
        { next: (result) => result.data && onEvent(result.data), error: () => {}, complete: () => {} },
      );
    },
    close() {
      void socket.dispose();
    },
  };
}
