import { date, index, integer, pgSchema, primaryKey, text } from 'drizzle-orm/pg-core';
import {
  amountColumn,
  createdAtColumn,
  idColumn,
  instantColumn,
  quantityColumn,
  referenceColumn,
  updatedAtColumn,
} from '@procuregraph/platform/db/columns';
import { integrationTables } from '@procuregraph/platform/db/integration-tables';

export const invoicingSchema = pgSchema('invoicing');

export const invoiceStatuses = ['RECEIVED', 'MATCHED', 'EXCEPTION', 'APPROVED', 'PAID', 'REJECTED'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const invoiceSources = ['GRAPH', 'VENDOR_PLATFORM', 'EDI', 'ERP'] as const;
export type InvoiceSource = (typeof invoiceSources)[number];

export const matchOutcomes = ['MATCHED', 'EXCEPTION'] as const;
export type MatchOutcome = (typeof matchOutcomes)[number];

export const exceptionCodes = [
  'PRICE_VARIANCE',
  'QUANTITY_VARIANCE',
  'NOT_RECEIVED',
  'NO_PURCHASE_ORDER',
  'DUPLICATE_INVOICE',
  'CONTRACT_PRICE_VARIANCE',
  'CONTRACT_EXPIRED',
  'SUPPLIER_INACTIVE',
] as const;
export type ExceptionCode = (typeof exceptionCodes)[number];

export const exceptionQueues = ['ACCOUNTS_PAYABLE', 'BUYER', 'CONTRACT_MANAGEMENT'] as const;
export type ExceptionQueue = (typeof exceptionQueues)[number];

export const exceptionResolutions = ['OVERRIDDEN', 'REJECTED', 'CREDIT_MEMO_REQUESTED'] as const;
export type ExceptionResolution = (typeof exceptionResolutions)[number];

export const paymentStatuses = ['SCHEDULED', 'SENT', 'CLEARED', 'FAILED', 'VOIDED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const paymentMethods = ['ACH', 'CHECK', 'WIRE', 'VIRTUAL_CARD'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const invoices = invoicingSchema.table(
  'invoices',
  {
    id: idColumn(),
    invoiceNumber: text().notNull(),
    supplierId: referenceColumn().notNull(),
    purchaseOrderId: referenceColumn(),
    invoiceDate: date({ mode: 'string' }).notNull(),
    currency: text().notNull().default('USD'),
    total: amountColumn().notNull(),
    status: text().$type<InvoiceStatus>().notNull(),
    matchOutcome: text().$type<MatchOutcome>(),
    matchedAt: instantColumn(),
    source: text().$type<InvoiceSource>().notNull(),
    idempotencyKey: text().unique(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastSyncedAt: instantColumn(),
  },
  (table) => [
    index().on(table.supplierId, table.id),
    index().on(table.purchaseOrderId, table.id),
    index().on(table.status, table.id),
    index().on(table.supplierId, table.invoiceNumber),
  ],
);

export const invoiceLines = invoicingSchema.table(
  'invoice_lines',
  {
    invoiceId: referenceColumn()
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    /** Order of the line on the invoice document. */
    position: integer().notNull(),
    /** The purchase-order line this line bills; several invoice lines may bill one PO line. */
    lineNumber: integer().notNull(),
    itemNumber: text().notNull(),
    quantity: quantityColumn().notNull(),
    unitPrice: quantityColumn().notNull(),
    amount: amountColumn().notNull(),
  },
  (table) => [primaryKey({ columns: [table.invoiceId, table.position] })],
);

export const matchExceptions = invoicingSchema.table(
  'match_exceptions',
  {
    id: idColumn(),
    invoiceId: referenceColumn()
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    code: text().$type<ExceptionCode>().notNull(),
    message: text().notNull(),
    lineNumber: integer(),
    queue: text().$type<ExceptionQueue>().notNull(),
    expected: text(),
    actual: text(),
    resolution: text().$type<ExceptionResolution>(),
    resolvedBy: text(),
    resolutionReason: text(),
    resolvedAt: instantColumn(),
    createdAt: createdAtColumn(),
  },
  (table) => [index().on(table.invoiceId), index().on(table.queue, table.resolution)],
);

export const payments = invoicingSchema.table(
  'payments',
  {
    id: idColumn(),
    invoiceId: referenceColumn()
      .notNull()
      .references(() => invoices.id),
    supplierId: referenceColumn().notNull(),
    paymentNumber: text().unique(),
    amount: amountColumn().notNull(),
    currency: text().notNull().default('USD'),
    status: text().$type<PaymentStatus>().notNull(),
    method: text().$type<PaymentMethod>().notNull(),
    scheduledFor: date({ mode: 'string' }),
    paidAt: instantColumn(),
    clearedAt: instantColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastSyncedAt: instantColumn(),
  },
  (table) => [index().on(table.invoiceId, table.id), index().on(table.supplierId, table.id)],
);

export const { outbox, syncStatus } = integrationTables(invoicingSchema);

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type MatchExceptionRow = typeof matchExceptions.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
