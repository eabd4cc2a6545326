import { bigint, date, index, integer, jsonb, pgSchema, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import {
  amountColumn,
  counterCountColumn,
  counterSlotColumn,
  createdAtColumn,
  idColumn,
  instantColumn,
  quantityColumn,
  referenceColumn,
  updatedAtColumn,
  integrationTables,
  valueCheck,
} from '@procuregraph/platform/db';

export const procurementSchema = pgSchema('procurement');

export const purchaseOrderStatuses = ['DRAFT', 'OPEN', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED', 'CANCELLED'] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];

export const lineAcknowledgmentStatuses = ['ACCEPTED', 'CHANGED', 'REJECTED'] as const;
export type LineAcknowledgmentStatus = (typeof lineAcknowledgmentStatuses)[number];

export const publicationStates = ['PENDING', 'PUBLISHED', 'ACKNOWLEDGED', 'FAILED', 'NOT_PUBLISHED'] as const;
export type PublicationState = (typeof publicationStates)[number];

export interface FacilityAddressValue {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** The network's hospitals and sites that goods are shipped to. */
export const facilities = procurementSchema.table('facilities', {
  id: idColumn(),
  code: text().notNull().unique(),
  name: text().notNull(),
  /** GS1 Global Location Number, 13 digits. */
  gln: text().notNull().unique(),
  address: jsonb().$type<FacilityAddressValue>().notNull(),
});

export const purchaseOrders = procurementSchema.table(
  'purchase_orders',
  {
    id: idColumn(),
    /** The ERP's order number; assigned when the ERP accepts the order. */
    number: text().unique(),
    supplierId: referenceColumn().notNull(),
    contractId: referenceColumn(),
    facilityId: referenceColumn().references(() => facilities.id),
    status: text().$type<PurchaseOrderStatus>().notNull(),
    orderDate: date({ mode: 'string' }).notNull(),
    currency: text().notNull().default('USD'),
    total: amountColumn().notNull(),
    publicationState: text().$type<PublicationState>().notNull().default('PENDING'),
    publishedAt: instantColumn(),
    idempotencyKey: text().unique(),
    /** What the order was issued with, so a retry with another input under the same key is refused. */
    idempotencyFingerprint: text(),
    /** The ERP's POHeaderId: how feed events about the order find it. */
    erpPoHeaderId: bigint({ mode: 'number' }).unique(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastSyncedAt: instantColumn(),
  },
  (table) => [
    index().on(table.supplierId, table.id),
    index().on(table.status, table.id),
    index().on(table.contractId),
    valueCheck('purchase_orders_status_check', table.status, purchaseOrderStatuses),
    valueCheck('purchase_orders_publication_state_check', table.publicationState, publicationStates),
  ],
);

/**
 * How many orders there are overall, per status, per supplier and per supplier and status (a null
 * column: every value), for `totalCount` without counting the orders. Kept exact by the statement
 * triggers of migration 0008, in the same transaction as each insert, change and delete.
 */
export const purchaseOrderCounts = procurementSchema.table(
  'purchase_order_counts',
  {
    supplierId: referenceColumn(),
    status: text().$type<PurchaseOrderStatus>(),
    slot: counterSlotColumn(),
    count: counterCountColumn(),
  },
  (table) => [unique().on(table.supplierId, table.status, table.slot).nullsNotDistinct()],
);

export const purchaseOrderLines = procurementSchema.table(
  'purchase_order_lines',
  {
    purchaseOrderId: referenceColumn()
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: 'cascade' }),
    lineNumber: integer().notNull(),
    itemNumber: text().notNull(),
    description: text().notNull(),
    quantity: quantityColumn().notNull(),
    unitOfMeasure: text().notNull(),
    unitPrice: quantityColumn().notNull(),
    amount: amountColumn().notNull(),
    /** The supplier's answer to the line (portal or EDI 855); null until it answers line by line. */
    acknowledgmentStatus: text().$type<LineAcknowledgmentStatus>(),
    /** What the supplier will ship and charge, as it acknowledged the line. */
    acknowledgedQuantity: quantityColumn(),
    acknowledgedUnitPrice: quantityColumn(),
    /** The ship date it gave (an 855's ACK04 068 or DTM*068), YYYY-MM-DD. */
    acknowledgedShipDate: date({ mode: 'string' }),
  },
  (table) => [primaryKey({ columns: [table.purchaseOrderId, table.lineNumber] })],
);

export const receipts = procurementSchema.table(
  'receipts',
  {
    id: idColumn(),
    purchaseOrderId: referenceColumn()
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: 'cascade' }),
    receiptNumber: text().unique(),
    receivedAt: instantColumn().notNull(),
    idempotencyKey: text().unique(),
    idempotencyFingerprint: text(),
    /** The ERP's HeaderInterfaceId: how feed events about the receipt find it. */
    erpReceiptId: bigint({ mode: 'number' }).unique(),
    createdAt: createdAtColumn(),
  },
  (table) => [index().on(table.purchaseOrderId, table.id)],
);

export const receiptLines = procurementSchema.table(
  'receipt_lines',
  {
    receiptId: referenceColumn()
      .notNull()
      .references(() => receipts.id, { onDelete: 'cascade' }),
    lineNumber: integer().notNull(),
    quantityReceived: quantityColumn().notNull(),
  },
  (table) => [primaryKey({ columns: [table.receiptId, table.lineNumber] })],
);

export const supplierStatuses = ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'ON_HOLD', 'REJECTED', 'INACTIVE'] as const;
export type SupplierStatus = (typeof supplierStatuses)[number];

/**
 * What procurement knows of each supplier without reading the suppliers schema: its status and
 * its ids in the ERP and on the vendor platform, projected from the onboarding events.
 */
export const supplierReferences = procurementSchema.table(
  'supplier_references',
  {
    supplierId: referenceColumn().primaryKey(),
    erpSupplierId: bigint({ mode: 'number' }),
    erpSupplierNumber: text(),
    vendorRegistrationId: text(),
    status: text().$type<SupplierStatus>().notNull(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [valueCheck('supplier_references_status_check', table.status, supplierStatuses)],
);

/** The contracts an order may name, projected from `contract.changed`. */
export const contractReferences = procurementSchema.table('contract_references', {
  contractId: referenceColumn().primaryKey(),
  supplierId: referenceColumn().notNull(),
  status: text().notNull(),
  updatedAt: updatedAtColumn(),
});

export const { outbox, syncStatus, inboundEvents, inboundEntityVersions, feedCursors } = integrationTables(procurementSchema);

export type FacilityRow = typeof facilities.$inferSelect;
export type PurchaseOrderRow = typeof purchaseOrders.$inferSelect;
export type PurchaseOrderLineRow = typeof purchaseOrderLines.$inferSelect;
export type ReceiptRow = typeof receipts.$inferSelect;
export type ReceiptLineRow = typeof receiptLines.$inferSelect;
