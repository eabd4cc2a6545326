import type { Database } from '@procuregraph/platform/db/database';
import type { SubgraphDefinition } from '@procuregraph/platform/graphql/subgraph-server';
import type { SubgraphName } from '@procuregraph/schema/subgraphs';
import * as contracts from '@procuregraph/contracts/service';
import * as invoicing from '@procuregraph/invoicing/service';
import * as procurement from '@procuregraph/procurement/service';
import * as suppliers from '@procuregraph/suppliers/service';

export interface SubgraphModule {
  readonly migrationsFolder: string;
  definition(db: Database): SubgraphDefinition<object>;
}

/** Every subgraph, by name: what a process needs to migrate and serve it. */
export const subgraphModules: Readonly<Record<SubgraphName, SubgraphModule>> = {
  suppliers: { migrationsFolder: suppliers.migrationsFolder, definition: suppliers.suppliersSubgraph },
  procurement: { migrationsFolder: procurement.migrationsFolder, definition: procurement.procurementSubgraph },
  invoicing: { migrationsFolder: invoicing.migrationsFolder, definition: invoicing.invoicingSubgraph },
  contracts: { migrationsFolder: contracts.migrationsFolder, definition: contracts.contractsSubgraph },
};
