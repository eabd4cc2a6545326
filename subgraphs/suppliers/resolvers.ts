import { maskTaxId } from './supplier/identifiers.ts';
import { pageRequest, toConnection, scalarResolvers } from '@procuregraph/platform/graphql';
import { money } from '@procuregraph/platform/money';
import type { Resolvers } from './generated/resolvers-types.ts';
import { countSuppliers, listSuppliers } from './db/queries.ts';
import { subscriptionResolvers } from './subscriptions.ts';
import { mutationResolvers } from './mutations.ts';
import { countExclusionListRuns, listExclusionListRuns } from './compliance/exclusion-list-runs.ts';

const SUPPLIER_LIST = 'Supplier';
const EXCLUSION_LIST_RUN_LIST = 'ExclusionListRun';

function maskAccountNumber(last4: string): string {
  return `******${last4}`;
}

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...subscriptionResolvers,
  ...mutationResolvers,
  Query: {
    supplier: (_parent, { id }, { loaders }) => loaders.supplier.load(id),
    suppliers: async (_parent, { first, after, filter }, { db, caller }) => {
      const page = pageRequest(SUPPLIER_LIST, { first, after });
      const rows = await listSuppliers(db, caller, filter ?? {}, page);
      return toConnection(SUPPLIER_LIST, rows, page, () => countSuppliers(db, caller, filter ?? {}));
    },
    exclusionListRuns: async (_parent, { first, after }, { db }) => {
      const page = pageRequest(EXCLUSION_LIST_RUN_LIST, { first, after });
      return toConnection(EXCLUSION_LIST_RUN_LIST, await listExclusionListRuns(db, page), page, () => countExclusionListRuns(db));
    },
  },
  Supplier: {
    __resolveReference: (reference, { loaders }) => loaders.supplier.load(reference.id),
    taxIdMasked: (supplier) => maskTaxId(supplier.taxIdLast4),
    contact: (supplier) => supplier.contact,
    bankAccount: (supplier) =>
      supplier.bankRoutingNumber && supplier.bankAccountLast4 && supplier.bankAccountType
        ? {
            routingNumber: supplier.bankRoutingNumber,
            accountNumberMasked: maskAccountNumber(supplier.bankAccountLast4),
            accountType: supplier.bankAccountType,
          }
        : null,
    insuranceCertificates: (supplier, _args, { loaders }) => loaders.certificates.load(supplier.id),
    screening: (supplier) => ({ status: supplier.screeningStatus, checkedAt: supplier.screeningCheckedAt, match: supplier.screeningMatch }),
    externalReferences: (supplier, _args, { loaders }) => loaders.externalReferences.load(supplier.id),
    syncStatus: (supplier, _args, { loaders }) => loaders.syncStatus.load(supplier.id),
    journey: (supplier, _args, { loaders }) => loaders.journey.load(supplier.id),
    insuranceExpiresSoon: (supplier) => supplier.insuranceStatus === 'EXPIRING_SOON',
    holds: (supplier, _args, { loaders }) => loaders.holds.load(supplier.id),
    complianceDecisions: (supplier, _args, { loaders }) => loaders.complianceDecisions.load(supplier.id),
  },
  SupplierHold: {
    since: (hold) => hold.openedAt,
  },
  InsuranceCertificate: {
    coverageAmount: (certificate) => money(certificate.coverageAmount, certificate.currency),
  },
};
