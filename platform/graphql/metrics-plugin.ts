import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlRequestDuration, graphqlRequestsTotal } from '../metrics.ts';

/** Counts and times every operation a server executes, under its service's name. */
export function metricsPlugin(service: string): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stopTimer = graphqlRequestDuration.startTimer({ service });
      let operation = 'unknown';
      return {
        async didResolveOperation({ operation: definition }) {
          operation = definition?.operation ?? 'unknown';
        },
        async willSendResponse({ errors, response }) {
          const failed =
            (errors?.length ?? 0) > 0 || (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
          graphqlRequestsTotal.inc({ service, operation, outcome: failed ? 'error' : 'ok' });
          stopTimer({ operation });
        },
      };
    },
  };
}
