import type { Database } from '@procuregraph/platform/db';
import type { UserCaller } from '@procuregraph/platform/auth';
import DataLoader from 'dataloader';
import { childConnections, recordsById, rowsByParent, journeyLoader, syncStatusLoader } from '@procuregraph/platform/graphql';
import {
  amountsSettled,
  NOTHING_SETTLED,
  applicationsOfPayments,
  countInvoicesBy,
  countPaymentsOfSuppliers,
  exceptionsOfInvoices,
  invoicesByIds,
  invoicesOf,
  linesOfInvoices,
  matchHistoryOfInvoices,
  paymentsByIds,
  paymentsOfInvoices,
  paymentsOfSupplier,
  type Settled,
} from './db/queries.ts';
import { invoices, syncStatus, type InvoiceRow, type PaymentRow } from './db/tables.ts';
import { creditMemosOfInvoices } from './credit-memos/expected-credit.ts';

export function createLoaders(db: Database, caller: UserCaller) {
  return {
    invoice: recordsById((ids) => invoicesByIds(db, caller, ids)),
    payment: recordsById((ids) => paymentsByIds(db, caller, ids)),
    lines: rowsByParent(
      (ids) => linesOfInvoices(db, ids),
      (row) => row.invoiceId,
    ),
    exceptions: rowsByParent(
      (ids) => exceptionsOfInvoices(db, ids),
      (row) => row.invoiceId,
    ),
    paymentsOfInvoice: rowsByParent(
      (ids) => paymentsOfInvoices(db, caller, ids),
      (row) => row.invoiceId,
    ),
    applicationsOfPayment: rowsByParent(
      (ids) => applicationsOfPayments(db, ids),
      (row) => row.paymentId,
    ),
    creditMemos: rowsByParent(
      (ids) => creditMemosOfInvoices(db, ids),
      (row) => row.invoiceId,
    ),
    matchHistory: rowsByParent(
      (ids) => matchHistoryOfInvoices(db, ids),
      (row) => row.invoiceId,
    ),
    settled: new DataLoader<string, Settled>(async (ids) => {
      const settled = await amountsSettled(db, ids);
      return ids.map((id) => settled.get(id) ?? NOTHING_SETTLED);
    }),
    syncStatus: syncStatusLoader(db, syncStatus),
    journey: journeyLoader(db),
    invoicesOfSupplier: childConnections<InvoiceRow>({
      kind: 'Supplier.invoices',
      parentOf: (row) => row.supplierId,
      page: (supplierId, fetch) => invoicesOf(db, caller, invoices.supplierId, supplierId, fetch),
      counts: (supplierIds) => countInvoicesBy(db, caller, invoices.supplierId, supplierIds),
    }),
    invoicesOfPurchaseOrder: childConnections<InvoiceRow>({
      kind: 'PurchaseOrder.invoices',
      parentOf: (row) => row.purchaseOrderId ?? '',
      page: (orderId, fetch) => invoicesOf(db, caller, invoices.purchaseOrderId, orderId, fetch),
      counts: (orderIds) => countInvoicesBy(db, caller, invoices.purchaseOrderId, orderIds),
    }),
    paymentsOfSupplier: childConnections<PaymentRow>({
      kind: 'Supplier.payments',
      parentOf: (row) => row.supplierId,
      page: (supplierId, fetch) => paymentsOfSupplier(db, caller, supplierId, fetch),
      counts: (supplierIds) => countPaymentsOfSuppliers(db, caller, supplierIds),
    }),
  };
}

export type InvoicingLoaders = ReturnType<typeof createLoaders>;
