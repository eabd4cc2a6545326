import { type SubgraphDefinition, type SubgraphDependencies } from '@procuregraph/platform/subgraph';
import { createJobOperations, jobSender } from '@procuregraph/platform/jobs';
import { rowsByParent } from '@procuregraph/platform/graphql';
import { partsOfRuns } from '@procuregraph/platform/reconciliation';
import { subgraphTypeDefs } from '@procuregraph/schema';
import type { OperationsContext } from './context.ts';
import { resolvers } from './resolvers.ts';

/**
 * The platform's face in the graph: it owns no tables of its own, and serves what the platform
 * keeps for every service (pg-boss's jobs, the queue registry, breaker reports).
 */
export function operationsSubgraph({ client, db, events, environment }: SubgraphDependencies): SubgraphDefinition<OperationsContext> {
  const jobs = createJobOperations({ client, bossSchema: 'pgboss', sender: jobSender(client) });
  return {
    name: 'operations',
    typeDefs: subgraphTypeDefs('operations'),
    resolvers,
    createContext: (caller) => ({
      caller,
      db,
      jobs,
      events,
      ediAcknowledgmentDeadlineHours: environment.EDI_ACKNOWLEDGMENT_DEADLINE_HOURS,
      runParts: rowsByParent(
        (runIds) => partsOfRuns(db, runIds),
        (part) => part.runId,
      ),
    }),
  };
}
