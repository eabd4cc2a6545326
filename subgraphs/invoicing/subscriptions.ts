import { mayReceiveSupplierEvent, streamEvents } from '@procuregraph/platform/events';
import { idArgument, graphqlError } from '@procuregraph/platform/graphql';
import type { Resolvers } from './generated/resolvers-types.ts';
import { invoicesOfPaymentEvent, paymentStatusChanged, type PaymentStatusChanged } from './events.ts';

/** Live payment status: events from the bus, filtered for the subscriber, each resolved against the current payment row. */
export const subscriptionResolvers: Pick<Resolvers, 'Subscription' | 'PaymentStatusEvent'> = {
  Subscription: {
    paymentStatusChanged: {
      subscribe: (_parent, args, { caller, events }) => {
        const supplierId = idArgument(args.supplierId, 'supplierId');
        const invoiceId = idArgument(args.invoiceId, 'invoiceId');
        return streamEvents(events, paymentStatusChanged, {
          accept: (event) =>
            mayReceiveSupplierEvent(caller, event.supplierId) &&
            (supplierId === undefined || event.supplierId === supplierId) &&
            (invoiceId === undefined || invoicesOfPaymentEvent(event).includes(invoiceId)),
        });
      },
      resolve: (event: PaymentStatusChanged) => event,
    },
  },
  PaymentStatusEvent: {
    payment: async (event, _args, { loaders }) => {
      const payment = await loaders.payment.load(event.paymentId);
      if (!payment) throw graphqlError('NOT_FOUND', `Payment ${event.paymentId} of this event is not known to invoicing`);
      return payment;
    },
    previousStatus: (event) => event.previousStatus ?? null,
  },
};
