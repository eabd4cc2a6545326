import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Marks every answer `cache-control: no-store`, as Apollo Server's cache-control plugin does when
 * no field carries a cache hint (none of ours does), without that plugin's hook on every field.
 * The gateway reads this header from each subgraph fetch to compute its own answer's policy.
 */
export function uncacheableResponses(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
