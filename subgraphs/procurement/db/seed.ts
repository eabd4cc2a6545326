import type { Database } from '@procuregraph/platform/db';
import {
  seedTables,
  type DemoContract,
  type DemoFacility,
  type DemoPurchaseOrder,
  type DemoPurchaseOrderLine,
  type DemoReceipt,
  type DemoSupplier,
  type World,
} from '@procuregraph/demo';
import {
  contractReferences,
  facilities,
  purchaseOrderLines,
  purchaseOrders,
  receiptLines,
  receipts,
  supplierReferences,
  syncStatus,
} from './tables.ts';

/**
 * Writes the demo world's facilities, purchase orders (with lines), receipts (with lines) and
 * their sync state into the canonical store. Orders and receipts come from the ERP; published
 * orders are also on the vendor platform. Meant for an empty schema; returns the rows written.
 */
export async function seedProcurement(db: Database, world: World): Promise<number> {
  const tables = [
    facilities,
    supplierReferences,
    contractReferences,
    purchaseOrders,
    purchaseOrderLines,
    receipts,
    receiptLines,
    syncStatus,
  ];
  return seedTables(db, tables, async (batches) => {
    for (const facility of world.facilities()) await batches.add(facilities, facilityRow(facility));
    for (const supplier of world.suppliers()) await batches.add(supplierReferences, supplierReferenceRow(supplier));
    for (const contract of world.contracts()) await batches.add(contractReferences, contractReferenceRow(contract));
    for (const order of world.purchaseOrders()) {
      await batches.add(purchaseOrders, orderRow(order));
      for (const line of order.lines) await batches.add(purchaseOrderLines, lineRow(order, line));
      for (const receipt of order.receipts) {
        await batches.add(receipts, receiptRow(order, receipt));
        for (const line of receipt.lines)
          await batches.add(receiptLines, { receiptId: receipt.id, lineNumber: line.lineNumber, quantityReceived: line.quantityReceived });
        await batches.add(syncStatus, synced(receipt.id, 'ERP', receipt.receivedAt));
      }
      for (const sync of orderSyncRows(order)) await batches.add(syncStatus, sync);
    }
  });
}

export async function procurementSeeded(db: Database): Promise<boolean> {
  return (await db.select({ id: facilities.id }).from(facilities).limit(1)).length > 0;
}

function supplierReferenceRow(supplier: DemoSupplier): typeof supplierReferences.$inferInsert {
  return {
    supplierId: supplier.id,
    erpSupplierId: supplier.erp?.supplierId ?? null,
    erpSupplierNumber: supplier.erp?.supplierNumber ?? null,
    vendorRegistrationId: supplier.vendorPlatform.registrationId,
    status: supplier.status,
  };
}

function contractReferenceRow(contract: DemoContract): typeof contractReferences.$inferInsert {
  return { contractId: contract.id, supplierId: contract.supplierId, status: contract.status };
}

function facilityRow(facility: DemoFacility): typeof facilities.$inferInsert {
  return { id: facility.id, code: facility.code, name: facility.name, gln: facility.gln, address: facility.address };
}

/** The ERP last sent the order with its latest receipt; the vendor platform got it on publication. */
function orderSyncRows(order: DemoPurchaseOrder): (typeof syncStatus.$inferInsert)[] {
  const rows = [synced(order.id, 'ERP', order.updatedAt ?? order.createdAt)];
  if (order.publishedAt) rows.push(synced(order.id, 'VENDOR_PLATFORM', order.publishedAt));
  return rows;
}

function orderRow(order: DemoPurchaseOrder): typeof purchaseOrders.$inferInsert {
  const lastSyncedAt = new Date(Math.max(...orderSyncRows(order).map((row) => row.syncedAt!.getTime())));
  return {
    id: order.id,
    number: order.number,
    supplierId: order.supplierId,
    contractId: order.contractId,
    facilityId: order.facilityId,
    status: order.status,
    orderDate: order.orderDate,
    currency: 'USD',
    total: order.total,
    publicationState: order.publicationState,
    publishedAt: order.publishedAt,
    idempotencyKey: null,
    erpPoHeaderId: order.erpPoHeaderId,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt ?? order.createdAt,
    lastSyncedAt,
  };
}

function lineRow(order: DemoPurchaseOrder, line: DemoPurchaseOrderLine): typeof purchaseOrderLines.$inferInsert {
  return {
    purchaseOrderId: order.id,
    lineNumber: line.lineNumber,
    itemNumber: line.itemNumber,
    description: line.description,
    quantity: line.quantity,
    unitOfMeasure: line.unitOfMeasure,
    unitPrice: line.unitPrice,
    amount: line.amount,
  };
}

function receiptRow(order: DemoPurchaseOrder, receipt: DemoReceipt): typeof receipts.$inferInsert {
  return {
    id: receipt.id,
    purchaseOrderId: order.id,
    receiptNumber: receipt.receiptNumber,
    receivedAt: receipt.receivedAt,
    idempotencyKey: null,
    erpReceiptId: receipt.erpReceiptId,
    createdAt: receipt.receivedAt,
  };
}

function synced(entityId: string, system: 'ERP' | 'VENDOR_PLATFORM', syncedAt: Date): typeof syncStatus.$inferInsert {
  return { entityId, system, state: 'SYNCED', attempts: 1, lastError: null, syncedAt, updatedAt: syncedAt };
}
