import { mayReceiveSupplierEvent, streamEvents } from '@procuregraph/platform/events';
import { idArgument, graphqlError } from '@procuregraph/platform/graphql';
import type { Resolvers } from './generated/resolvers-types.ts';
import { supplierStatusChanged, type SupplierStatusChanged } from './events.ts';

/** Live supplier status: events from the bus, filtered for the subscriber, each resolved against the current supplier row. */
export const subscriptionResolvers: Pick<Resolvers, 'Subscription' | 'SupplierStatusEvent'> = {
  Subscription: {
    supplierStatusChanged: {
      subscribe: (_parent, args, { caller, events }) => {
        const supplierId = idArgument(args.supplierId, 'supplierId');
        return streamEvents(events, supplierStatusChanged, {
          accept: (event) =>
            mayReceiveSupplierEvent(caller, event.supplierId) && (supplierId === undefined || event.supplierId === supplierId),
        });
      },
      resolve: (event: SupplierStatusChanged) => event,
    },
  },
  SupplierStatusEvent: {
    supplier: async (event, _args, { loaders }) => {
      const supplier = await loaders.supplier.load(event.supplierId);
      if (!supplier) throw graphqlError('NOT_FOUND', `Supplier ${event.supplierId} of this event is not known`);
      return supplier;
    },
    previousStatus: (event) => event.previousStatus ?? null,
  },
};
