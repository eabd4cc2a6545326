import type { RegisterWorkers } from '@procuregraph/platform/subgraph';
import { contractRepositoryClient } from '@procuregraph/connector-contract-repository';
import { createContractFeedPoller } from './contract-sync.ts';
import { contractRepositoryComparer } from './contract-repository-reconciliation.ts';
import { defineReconciliationHandler } from '@procuregraph/platform/reconciliation';
import { defineSupplierLinkHandlers } from './supplier-links.ts';

export interface ContractsWorkerOptions {
  /** How often the repository's change feed is read. */
  feedIntervalMs: number;
}

/** The contracts subgraph's background work: reading the repository's change feed, and learning suppliers' ERP numbers. */
export function contractsWorkers(options: ContractsWorkerOptions): RegisterWorkers {
  return ({ db, jobs, systems, policies, logger, environment }) => {
    defineSupplierLinkHandlers(jobs, db);
    defineReconciliationHandler(jobs, db, {
      system: 'CONTRACT_REPOSITORY',
      comparer: contractRepositoryComparer(
        db,
        contractRepositoryClient(systems.contractRepositoryUrl),
        policies.for('CONTRACT_REPOSITORY'),
      ),
      sliceMs: environment.RECONCILIATION_SLICE_MS,
    });
    const poller = createContractFeedPoller({
      db,
      jobs,
      repository: contractRepositoryClient(systems.contractRepositoryUrl),
      policy: policies.for('CONTRACT_REPOSITORY'),
      logger,
      intervalMs: options.feedIntervalMs,
    });
    return [{ start: async () => poller.start(), stop: () => poller.stop() }];
  };
}

export const registerWorkers: RegisterWorkers = contractsWorkers({ feedIntervalMs: 10_000 });
