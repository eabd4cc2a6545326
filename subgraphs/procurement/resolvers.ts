import { pageRequest, toConnection, idArgument, scalarResolvers } from '@procuregraph/platform/graphql';
import { formatDecimal, money } from '@procuregraph/platform/money';
import type { Resolvers } from './generated/resolvers-types.ts';
import { countPurchaseOrders, listPurchaseOrders, type PurchaseOrderFilter } from './db/queries.ts';
import { issuePurchaseOrder } from './issue-purchase-order.ts';
import { recordReceipt } from './record-receipt.ts';

const PURCHASE_ORDER_LIST = 'PurchaseOrder';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    purchaseOrder: (_parent, { id }, { loaders }) => loaders.purchaseOrder.load(id),
    purchaseOrders: async (_parent, { first, after, filter }, { db, caller }) => {
      const page = pageRequest(PURCHASE_ORDER_LIST, { first, after });
      const where: PurchaseOrderFilter = {
        supplierId: idArgument(filter?.supplierId, 'supplierId'),
        contractId: idArgument(filter?.contractId, 'contractId'),
        status: filter?.status,
      };
      const rows = await listPurchaseOrders(db, caller, where, page);
      return toConnection(PURCHASE_ORDER_LIST, rows, page, () => countPurchaseOrders(db, caller, where));
    },
  },
  Mutation: {
    issuePurchaseOrder: (_parent, { input }, { db }) =>
      issuePurchaseOrder(db, {
        supplierId: input.supplierId,
        contractId: input.contractId ?? null,
        idempotencyKey: input.idempotencyKey,
        shipToFacilityId: input.shipToFacilityId ?? null,
        lines: input.lines,
      }),
    recordReceipt: (_parent, { input }, { db }) =>
      recordReceipt(db, { purchaseOrderId: input.purchaseOrderId, idempotencyKey: input.idempotencyKey ?? null, lines: input.lines }),
  },
  PurchaseOrder: {
    __resolveReference: (reference, { loaders }) => loaders.purchaseOrder.load(reference.id),
    supplier: (order) => ({ id: order.supplierId }),
    contract: (order) => (order.contractId ? { id: order.contractId } : null),
    total: (order) => money(order.total, order.currency),
    lines: async (order, _args, { loaders }) => (await loaders.lines.load(order.id)).map((line) => ({ ...line, currency: order.currency })),
    receipts: (order, _args, { loaders }) => loaders.receipts.load(order.id),
    shipTo: (order, _args, { loaders }) => (order.facilityId ? loaders.facility.load(order.facilityId) : null),
    publication: (order) => ({ state: order.publicationState, publishedAt: order.publishedAt }),
    syncStatus: (order, _args, { loaders }) => loaders.syncStatus.load(order.id),
    journey: (order, _args, { loaders }) => loaders.journey.load(order.id),
  },
  // numeric(20, 6) reads back as "3.000000"; a quantity is shown without trailing zeros.
  PurchaseOrderLine: {
    quantity: (line) => formatDecimal(line.quantity),
    unitPrice: (line) => money(line.unitPrice, line.currency),
    amount: (line) => money(line.amount, line.currency),
    acknowledgedQuantity: (line) => (line.acknowledgedQuantity === null ? null : formatDecimal(line.acknowledgedQuantity)),
    acknowledgedUnitPrice: (line) => (line.acknowledgedUnitPrice === null ? null : money(line.acknowledgedUnitPrice, line.currency)),
  },
  Receipt: {
    lines: (receipt, _args, { loaders }) => loaders.receiptLines.load(receipt.id),
  },
  ReceiptLine: {
    quantityReceived: (line) => formatDecimal(line.quantityReceived),
  },
  Supplier: {
    __resolveReference: (reference) => ({ id: reference.id }),
    purchaseOrders: (supplier, args, { loaders }) => loaders.ordersOfSupplier(supplier.id, args),
  },
  Contract: {
    __resolveReference: (reference) => ({ id: reference.id }),
    purchaseOrders: (contract, args, { loaders }) => loaders.ordersOfContract(contract.id, args),
  },
};
