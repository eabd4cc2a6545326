import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { type SubgraphDefinition, type SubgraphDependencies } from '@procuregraph/platform/subgraph';
import { subgraphTypeDefs } from '@procuregraph/schema';
import type { InvoicingContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers.ts';
import { invoicingWebhooks } from './webhooks.ts';
import { ediInboundRoute } from './edi/edi-routes.ts';
import { csvInvoicesRoute } from './edi/csv-invoices.ts';

export { registerWorkers } from './workers.ts';

export const migrationsFolder = join(repositoryRoot, 'subgraphs', 'invoicing', 'db', 'migrations');

export function invoicingSubgraph({ db, events, environment, systems }: SubgraphDependencies): SubgraphDefinition<InvoicingContext> {
  const priceTolerancePct = environment.MATCH_PRICE_TOLERANCE_PCT;
  return {
    name: 'invoicing',
    typeDefs: subgraphTypeDefs('invoicing'),
    resolvers,
    createContext: (caller) => ({ caller, db, events, priceTolerancePct, loaders: createLoaders(db, caller) }),
    webhooks: invoicingWebhooks({
      db,
      vendorPlatformSecret: systems.vendorPlatformWebhookSecret,
      erpSecret: systems.erpWebhookSecret,
      priceTolerancePct,
    }),
    fileRoutes: [
      ediInboundRoute({
        db,
        priceTolerancePct,
        us: { interchangeQualifier: environment.EDI_INTERCHANGE_QUALIFIER, interchangeId: environment.EDI_INTERCHANGE_ID },
      }),
      csvInvoicesRoute({ db, priceTolerancePct }),
    ],
  };
}
