import type { UserCaller } from '@procuregraph/platform/auth';
import { businessFigures } from '@procuregraph/platform/business';
import { graphqlError, idArgument } from '@procuregraph/platform/graphql';
import type { Resolvers } from './generated/resolvers-types.ts';

/** A supplier's figures are its own: it may name no other supplier. */
function supplierOf(caller: UserCaller, supplierId: string | undefined): string | null {
  if (caller.kind !== 'supplier') return supplierId ?? null;
  if (supplierId !== undefined && supplierId !== caller.supplierId) {
    throw graphqlError('FORBIDDEN', 'A supplier sees only its own business metrics.');
  }
  return caller.supplierId;
}

export const businessMetricsResolvers: Pick<Resolvers, 'Query' | 'BusinessMetrics'> = {
  Query: {
    businessMetrics: (_parent, { from, to, supplierId }, { db, caller }) => {
      if (from && to && from > to) throw graphqlError('BAD_USER_INPUT', '"from" is after "to".', { argumentName: 'from' });
      return businessFigures(db, { from, to, supplierId: supplierOf(caller, idArgument(supplierId, 'supplierId')) });
    },
  },
  BusinessMetrics: {
    paymentStatusLatency: (figures, { target }) => figures.paymentStatusLatency[target],
  },
};
