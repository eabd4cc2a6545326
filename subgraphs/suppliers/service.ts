import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { createLogger } from '@procuregraph/platform/logging';
import { type SubgraphDefinition, type SubgraphDependencies } from '@procuregraph/platform/subgraph';
import { subgraphTypeDefs } from '@procuregraph/schema';
import type { SuppliersContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { onboardingDependencies } from './onboarding/configuration.ts';
import { suppliersWebhooks } from './webhooks.ts';

export { registerWorkers } from './workers.ts';

export const migrationsFolder = join(repositoryRoot, 'subgraphs', 'suppliers', 'db', 'migrations');

/** Bank details and tax ids: every read is recorded in the audit log (HIPAA, SOX). */
export const sensitiveFields = ['Supplier.bankAccount', 'Supplier.taxIdMasked'] as const;

export function suppliersSubgraph({
  db,
  events,
  cipher,
  environment,
  systems,
  policies,
}: SubgraphDependencies): SubgraphDefinition<SuppliersContext> {
  const onboarding = onboardingDependencies(db, cipher, environment);
  return {
    name: 'suppliers',
    typeDefs: subgraphTypeDefs('suppliers'),
    resolvers,
    createContext: (caller) => ({ caller, db, events, onboarding, loaders: createLoaders(db, caller) }),
    sensitiveFields,
    webhooks: suppliersWebhooks({
      db,
      cipher,
      systems,
      environment,
      policy: policies.for('VENDOR_PLATFORM'),
      logger: createLogger('suppliers-webhooks'),
    }),
  };
}
