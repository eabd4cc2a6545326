import { pageRequest, toConnection } from '@procuregraph/platform/graphql/connection';
import { idArgument } from '@procuregraph/platform/graphql/arguments';
import { scalarResolvers } from '@procuregraph/platform/graphql/scalars';
import { money } from '@procuregraph/platform/money';
import type { Resolvers } from './generated/resolvers-types.ts';
import { countInvoices, listInvoices, type InvoiceFilter } from './db/queries.ts';
import { mutationResolvers } from './mutations.ts';
import { subscriptionResolvers } from './subscriptions.ts';

const INVOICE_LIST = 'Invoice';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...subscriptionResolvers,
  ...mutationResolvers,
  Query: {
    invoice: (_parent, { id }, { loaders }) => loaders.invoice.load(id),
    payment: (_parent, { id }, { loaders }) => loaders.payment.load(id),
    invoices: async (_parent, { first, after, filter }, { db, caller }) => {
      const page = pageRequest(INVOICE_LIST, { first, after });
      const where: InvoiceFilter = {
        supplierId: idArgument(filter?.supplierId, 'supplierId'),
        purchaseOrderId: idArgument(filter?.purchaseOrderId, 'purchaseOrderId'),
        status: filter?.status,
        queue: filter?.queue,
      };
      const rows = await listInvoices(db, caller, where, page);
      return toConnection(INVOICE_LIST, rows, page, () => countInvoices(db, caller, where));
    },
  },
  Invoice: {
    __resolveReference: (reference, { loaders }) => loaders.invoice.load(reference.id),
    supplier: (invoice) => ({ id: invoice.supplierId }),
    purchaseOrder: (invoice) => (invoice.purchaseOrderId ? { id: invoice.purchaseOrderId } : null),
    total: (invoice) => money(invoice.total, invoice.currency),
    lines: async (invoice, _args, { loaders }) => (await loaders.lines.load(invoice.id)).map((line) => ({ ...line, currency: invoice.currency })),
    match: (invoice) => (invoice.matchOutcome ? { id: invoice.id, outcome: invoice.matchOutcome, matchedAt: invoice.matchedAt } : null),
    payments: (invoice, _args, { loaders }) => loaders.paymentsOfInvoice.load(invoice.id),
    syncStatus: (invoice, _args, { loaders }) => loaders.syncStatus.load(invoice.id),
  },
  InvoiceLine: {
    unitPrice: (line) => money(line.unitPrice, line.currency),
    amount: (line) => money(line.amount, line.currency),
  },
  InvoiceMatch: {
    exceptions: (match, _args, { loaders }) => loaders.exceptions.load(match.id),
  },
  Payment: {
    __resolveReference: (reference, { loaders }) => loaders.payment.load(reference.id),
    invoice: async (payment, _args, { loaders }) => (await loaders.invoice.load(payment.invoiceId))!,
    supplier: (payment) => ({ id: payment.supplierId }),
    amount: (payment) => money(payment.amount, payment.currency),
  },
  Supplier: {
    __resolveReference: (reference) => ({ id: reference.id }),
    invoices: (supplier, args, { loaders }) => loaders.invoicesOfSupplier(supplier.id, args),
    payments: (supplier, args, { loaders }) => loaders.paymentsOfSupplier(supplier.id, args),
  },
  PurchaseOrder: {
    __resolveReference: (reference) => ({ id: reference.id }),
    invoices: (order, args, { loaders }) => loaders.invoicesOfPurchaseOrder(order.id, args),
  },
};
