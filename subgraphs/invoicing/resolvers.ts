import { pageRequest, toConnection, idArgument, scalarResolvers } from '@procuregraph/platform/graphql';
import { decimal, formatDecimal, money } from '@procuregraph/platform/money';
import type { Resolvers, SupplierCategory } from './generated/resolvers-types.ts';
import { balanceOf } from './credit-memos/expected-credit.ts';
import { listToleranceSettings } from './db/match-tolerances.ts';
import { defaultTolerances } from './matching/tolerances.ts';
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
    matchTolerances: async (_parent, _args, { db, priceTolerancePct }) => ({
      defaults: { ...defaultTolerances(priceTolerancePct), scope: null, scopeKey: null, updatedAt: null },
      set: await listToleranceSettings(db),
    }),
  },
  MatchTolerance: {
    supplier: (tolerance) => (tolerance.scope === 'SUPPLIER' ? { id: tolerance.scopeKey! } : null),
    // Only setMatchTolerance writes this scope, and it takes the key from the SupplierCategory enum.
    supplierCategory: (tolerance) => (tolerance.scope === 'SUPPLIER_CATEGORY' ? (tolerance.scopeKey as SupplierCategory) : null),
    pricePct: (tolerance) => formatDecimal(tolerance.pricePct),
    priceAmount: (tolerance) => (tolerance.priceAmount === null ? null : formatDecimal(tolerance.priceAmount)),
    quantityPct: (tolerance) => formatDecimal(tolerance.quantityPct),
    taxFreightPct: (tolerance) => formatDecimal(tolerance.taxFreightPct),
    taxFreightAmount: (tolerance) => (tolerance.taxFreightAmount === null ? null : formatDecimal(tolerance.taxFreightAmount)),
  },
  Invoice: {
    __resolveReference: (reference, { loaders }) => loaders.invoice.load(reference.id),
    supplier: (invoice) => ({ id: invoice.supplierId }),
    purchaseOrder: (invoice) => (invoice.purchaseOrderId ? { id: invoice.purchaseOrderId } : null),
    total: (invoice) => money(invoice.total, invoice.currency),
    taxAmount: (invoice) => money(invoice.taxAmount, invoice.currency),
    freightAmount: (invoice) => money(invoice.freightAmount, invoice.currency),
    amountPaid: async (invoice, _args, { loaders }) => money((await loaders.settled.load(invoice.id)).paid, invoice.currency),
    amountCredited: async (invoice, _args, { loaders }) => money((await loaders.settled.load(invoice.id)).credited, invoice.currency),
    amountDue: async (invoice, _args, { loaders }) => {
      const { paid, credited } = await loaders.settled.load(invoice.id);
      return money(decimal(invoice.total).minus(paid).minus(credited), invoice.currency);
    },
    lines: async (invoice, _args, { loaders }) =>
      (await loaders.lines.load(invoice.id)).map((line) => ({ ...line, currency: invoice.currency })),
    match: (invoice) =>
      invoice.matchOutcome
        ? { id: invoice.id, outcome: invoice.matchOutcome, matchedAt: invoice.matchedAt, matchContractId: invoice.matchContractId }
        : null,
    matchHistory: (invoice, _args, { loaders }) => loaders.matchHistory.load(invoice.id),
    payments: async (invoice, _args, { loaders }) => (await loaders.paymentsOfInvoice.load(invoice.id)).map((row) => row.payment),
    syncStatus: (invoice, _args, { loaders }) => loaders.syncStatus.load(invoice.id),
    journey: (invoice, _args, { loaders }) => loaders.journey.load(invoice.id),
    creditMemos: (invoice, _args, { loaders }) => loaders.creditMemos.load(invoice.id),
    creditExpected: async (invoice, _args, { loaders }) => {
      const [exceptions, lines, memos] = await Promise.all([
        loaders.exceptions.load(invoice.id),
        loaders.lines.load(invoice.id),
        loaders.creditMemos.load(invoice.id),
      ]);
      return money(balanceOf(invoice, exceptions, lines, memos).outstanding, invoice.currency);
    },
  },
  CreditMemo: {
    invoice: async (creditMemo, _args, { loaders }) => (await loaders.invoice.load(creditMemo.invoiceId))!,
    amount: (creditMemo) => money(creditMemo.amount, creditMemo.currency),
    syncStatus: (creditMemo, _args, { loaders }) => loaders.syncStatus.load(creditMemo.id),
  },
  InvoiceLine: {
    unitPrice: (line) => money(line.unitPrice, line.currency),
    amount: (line) => money(line.amount, line.currency),
  },
  InvoiceMatch: {
    exceptions: (match, _args, { loaders }) => loaders.exceptions.load(match.id),
    contract: (match) => (match.matchContractId ? { id: match.matchContractId } : null),
  },
  MatchEvaluation: {
    contract: (evaluation) => (evaluation.contractId ? { id: evaluation.contractId } : null),
  },
  Payment: {
    __resolveReference: (reference, { loaders }) => loaders.payment.load(reference.id),
    invoice: async (payment, _args, { loaders }) => (await loaders.invoice.load(payment.invoiceId))!,
    supplier: (payment) => ({ id: payment.supplierId }),
    journey: (payment, _args, { loaders }) => loaders.journey.load(payment.id),
    amount: (payment) => money(payment.amount, payment.currency),
    applications: async (payment, _args, { loaders }) =>
      (await loaders.applicationsOfPayment.load(payment.id)).map((application) => ({ ...application, currency: payment.currency })),
  },
  PaymentApplication: {
    invoice: async (application, _args, { loaders }) => (await loaders.invoice.load(application.invoiceId))!,
    amount: (application) => money(application.amount, application.currency),
    credited: (application) => money(application.credited, application.currency),
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
