import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { createLogger } from '@procuregraph/platform/logging';
import { type SubgraphDefinition, type SubgraphDependencies } from '@procuregraph/platform/subgraph';
import { subgraphTypeDefs } from '@procuregraph/schema';
import type { ProcurementContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { procurementWebhooks } from './webhooks.ts';

export { registerWorkers } from './workers.ts';

export const migrationsFolder = join(repositoryRoot, 'subgraphs', 'procurement', 'db', 'migrations');

export function procurementSubgraph({ db, systems }: SubgraphDependencies): SubgraphDefinition<ProcurementContext> {
  return {
    name: 'procurement',
    typeDefs: subgraphTypeDefs('procurement'),
    resolvers,
    createContext: (caller) => ({ caller, db, loaders: createLoaders(db, caller) }),
    webhooks: procurementWebhooks({
      db,
      vendorPlatformSecret: systems.vendorPlatformWebhookSecret,
      erp: systems.erpWebhookSecret ? { secret: systems.erpWebhookSecret, logger: createLogger('procurement') } : undefined,
    }),
  };
}
