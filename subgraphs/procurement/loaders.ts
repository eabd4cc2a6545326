import type { Database } from '@procuregraph/platform/db';
import type { UserCaller } from '@procuregraph/platform/auth';
import { childConnections, recordsById, rowsByParent, journeyLoader, syncStatusLoader } from '@procuregraph/platform/graphql';
import {
  countPurchaseOrdersBy,
  facilitiesByIds,
  linesOfOrders,
  linesOfReceipts,
  purchaseOrdersByIds,
  purchaseOrdersOf,
  receiptsOfOrders,
} from './db/queries.ts';
import { purchaseOrders, syncStatus, type PurchaseOrderRow } from './db/tables.ts';

export function createLoaders(db: Database, caller: UserCaller) {
  return {
    purchaseOrder: recordsById((ids) => purchaseOrdersByIds(db, caller, ids)),
    lines: rowsByParent(
      (ids) => linesOfOrders(db, ids),
      (row) => row.purchaseOrderId,
    ),
    receipts: rowsByParent(
      (ids) => receiptsOfOrders(db, ids),
      (row) => row.purchaseOrderId,
    ),
    receiptLines: rowsByParent(
      (ids) => linesOfReceipts(db, ids),
      (row) => row.receiptId,
    ),
    facility: recordsById((ids) => facilitiesByIds(db, ids)),
    syncStatus: syncStatusLoader(db, syncStatus),
    journey: journeyLoader(db),
    ordersOfSupplier: childConnections<PurchaseOrderRow>({
      kind: 'Supplier.purchaseOrders',
      parentOf: (row) => row.supplierId,
      page: (supplierId, fetch) => purchaseOrdersOf(db, caller, purchaseOrders.supplierId, supplierId, fetch),
      counts: (supplierIds) => countPurchaseOrdersBy(db, caller, purchaseOrders.supplierId, supplierIds),
    }),
    ordersOfContract: childConnections<PurchaseOrderRow>({
      kind: 'Contract.purchaseOrders',
      parentOf: (row) => row.contractId ?? '',
      page: (contractId, fetch) => purchaseOrdersOf(db, caller, purchaseOrders.contractId, contractId, fetch),
      counts: (contractIds) => countPurchaseOrdersBy(db, caller, purchaseOrders.contractId, contractIds),
    }),
  };
}

export type ProcurementLoaders = ReturnType<typeof createLoaders>;
