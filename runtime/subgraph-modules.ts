import {
  type SubgraphContext,
  type SubgraphDefinition,
  type SubgraphDependencies,
  type RegisterWorkers,
} from '@procuregraph/platform/subgraph';
import type { DomainSubgraphName, SubgraphName } from '@procuregraph/schema';
import * as contracts from '@procuregraph/contracts';
import * as invoicing from '@procuregraph/invoicing';
import * as procurement from '@procuregraph/procurement';
import * as suppliers from '@procuregraph/suppliers';
import { operationsSubgraph } from '@procuregraph/operations';

export interface SubgraphModule {
  definition(dependencies: SubgraphDependencies): SubgraphDefinition<SubgraphContext>;
}

/** A domain subgraph also has its own tables and background work. */
export interface DomainSubgraphModule extends SubgraphModule {
  readonly migrationsFolder: string;
  /** The subgraph's job handlers and background work (feed pollers, timers). */
  readonly registerWorkers: RegisterWorkers;
}

/** Every domain subgraph, by name: what a process needs to migrate, serve and run it. */
export const domainModules: Readonly<Record<DomainSubgraphName, DomainSubgraphModule>> = {
  suppliers: {
    migrationsFolder: suppliers.migrationsFolder,
    definition: suppliers.suppliersSubgraph,
    registerWorkers: suppliers.registerWorkers,
  },
  procurement: {
    migrationsFolder: procurement.migrationsFolder,
    definition: procurement.procurementSubgraph,
    registerWorkers: procurement.registerWorkers,
  },
  invoicing: {
    migrationsFolder: invoicing.migrationsFolder,
    definition: invoicing.invoicingSubgraph,
    registerWorkers: invoicing.registerWorkers,
  },
  contracts: {
    migrationsFolder: contracts.migrationsFolder,
    definition: contracts.contractsSubgraph,
    registerWorkers: contracts.registerWorkers,
  },
};

/** Every subgraph a process can serve. */
export const subgraphModules: Readonly<Record<SubgraphName, SubgraphModule>> = {
  ...domainModules,
  operations: { definition: operationsSubgraph },
};
