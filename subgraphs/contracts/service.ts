import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { type SubgraphDefinition, type SubgraphDependencies } from '@procuregraph/platform/subgraph';
import { subgraphTypeDefs } from '@procuregraph/schema';
import type { ContractsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

export { registerWorkers } from './workers.ts';

export const migrationsFolder = join(repositoryRoot, 'subgraphs', 'contracts', 'db', 'migrations');

export function contractsSubgraph({ db }: SubgraphDependencies): SubgraphDefinition<ContractsContext> {
  return {
    name: 'contracts',
    typeDefs: subgraphTypeDefs('contracts'),
    resolvers,
    createContext: (caller) => ({ caller, db, loaders: createLoaders(db, caller) }),
  };
}
