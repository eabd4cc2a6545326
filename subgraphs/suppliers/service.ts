import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import type { Database } from '@procuregraph/platform/db/database';
import type { SubgraphDefinition } from '@procuregraph/platform/graphql/subgraph-server';
import { subgraphTypeDefs } from '@procuregraph/schema/subgraphs';
import type { SuppliersContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';

export const migrationsFolder = join(repositoryRoot, 'subgraphs', 'suppliers', 'db', 'migrations');

export function suppliersSubgraph(db: Database): SubgraphDefinition<SuppliersContext> {
  return {
    name: 'suppliers',
    typeDefs: subgraphTypeDefs('suppliers'),
    resolvers,
    createContext: (caller) => ({ caller, db, loaders: createLoaders(db, caller) }),
  };
}
