import { pageRequest, toConnection, idArgument, scalarResolvers } from '@procuregraph/platform/graphql';
import { money } from '@procuregraph/platform/money';
import type { Resolvers } from './generated/resolvers-types.ts';
import { countContracts, listContracts, type ContractFilter } from './db/queries.ts';

const CONTRACT_LIST = 'Contract';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    contract: (_parent, { id }, { loaders }) => loaders.contract.load(id),
    contracts: async (_parent, { first, after, filter }, { db, caller }) => {
      const page = pageRequest(CONTRACT_LIST, { first, after });
      const where: ContractFilter = { supplierId: idArgument(filter?.supplierId, 'supplierId'), status: filter?.status };
      const rows = await listContracts(db, caller, where, page);
      return toConnection(CONTRACT_LIST, rows, page, () => countContracts(db, caller, where));
    },
  },
  Contract: {
    __resolveReference: (reference, { loaders }) => loaders.contract.load(reference.id),
    supplier: (contract) => ({ id: contract.supplierId }),
    priceTerms: async (contract, _args, { loaders }) =>
      (await loaders.priceTerms.load(contract.id)).map((term) => ({ ...term, currency: contract.currency })),
    syncStatus: (contract, _args, { loaders }) => loaders.syncStatus.load(contract.id),
  },
  PriceTerm: {
    unitPrice: (term) => money(term.unitPrice, term.currency),
  },
  Supplier: {
    __resolveReference: (reference) => ({ id: reference.id }),
    contracts: (supplier, args, { loaders }) => loaders.contractsOfSupplier(supplier.id, args),
  },
};
