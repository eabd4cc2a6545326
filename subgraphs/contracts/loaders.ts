import type { Database } from '@procuregraph/platform/db';
import type { UserCaller } from '@procuregraph/platform/auth';
import { childConnections, recordsById, rowsByParent, syncStatusLoader } from '@procuregraph/platform/graphql';
import { contractsByIds, contractsOfSupplier, countContractsOfSuppliers, termsOfContracts } from './db/queries.ts';
import { syncStatus, type ContractRow } from './db/tables.ts';

export function createLoaders(db: Database, caller: UserCaller) {
  return {
    contract: recordsById((ids) => contractsByIds(db, caller, ids)),
    priceTerms: rowsByParent(
      (ids) => termsOfContracts(db, ids),
      (row) => row.contractId,
    ),
    syncStatus: syncStatusLoader(db, syncStatus),
    contractsOfSupplier: childConnections<ContractRow>({
      kind: 'Supplier.contracts',
      parentOf: (row) => row.supplierId,
      page: (supplierId, fetch) => contractsOfSupplier(db, caller, supplierId, fetch),
      counts: (supplierIds) => countContractsOfSuppliers(db, caller, supplierIds),
    }),
  };
}

export type ContractsLoaders = ReturnType<typeof createLoaders>;
