import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgSchema, primaryKey, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
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

export const invoicingSchema = pgSchema('invoicing');

export const invoiceStatuses = ['RECEIVED', 'MATCHED', 'EXCEPTION', 'APPROVED', 'PAID', 'REJECTED'] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const invoiceSources = ['GRAPH', 'VENDOR_PLATFORM', 'EDI', 'ERP', 'CSV'] as const;
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
  'TAX_FREIGHT_OVER_ALLOWANCE',
] as const;
export type ExceptionCode = (typeof exceptionCodes)[number];

export const exceptionQueues = ['ACCOUNTS_PAYABLE', 'BUYER', 'CONTRACT_MANAGEMENT'] as const;
export type ExceptionQueue = (typeof exceptionQueues)[number];

export const exceptionResolutions = ['OVERRIDDEN', 'REJECTED', 'CREDIT_MEMO_REQUESTED'] as const;
export type ExceptionResolution = (typeof exceptionResolutions)[number];

export const paymentStatuses = ['SCHEDULED', 'SENT', 'CLEARED', 'FAILED', 'VOIDED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** What made the invoice be matched (again): its intake, or a later fact about its order, receipts, contract or supplier. */
export const matchTriggers = [
  'INTAKE',
  'RECEIPT_RECORDED',
  'PURCHASE_ORDER_CHANGED',
  'CONTRACT_CHANGED',
  'SUPPLIER_STATUS_CHANGED',
] as const;
export type MatchTrigger = (typeof matchTriggers)[number];

export const paymentMethods = ['ACH', 'CHECK', 'WIRE', 'VIRTUAL_CARD'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const invoices = invoicingSchema.table(
  'invoices',
  {
    id: idColumn(),
    invoiceNumber: text().notNull(),
    /**
     * The normalized invoice number while the invoice is live: one per supplier, enforced by the
     * unique index. Cleared when the invoice is rejected, so the supplier may send it again.
     */
    invoiceNumberKey: text(),
    supplierId: referenceColumn().notNull(),
    purchaseOrderId: referenceColumn(),
    invoiceDate: date({ mode: 'string' }).notNull(),
    currency: text().notNull().default('USD'),
    /** Goods (the lines) plus tax plus freight. */
    total: amountColumn().notNull(),
    taxAmount: amountColumn().notNull().default('0'),
    freightAmount: amountColumn().notNull().default('0'),
    status: text().$type<InvoiceStatus>().notNull(),
    matchOutcome: text().$type<MatchOutcome>(),
    matchedAt: instantColumn(),
    /** The contract the last match compared prices with: the order's, or the supplier's agreement covering its items. */
    matchContractId: referenceColumn(),
    source: text().$type<InvoiceSource>().notNull(),
    idempotencyKey: text().unique(),
    /** A digest of the submitted input: the same idempotency key with other input is refused. */
    submissionDigest: text(),
    /** The portal invoice this came from, so a webhook and the feed create it once. */
    vendorPlatformInvoiceId: text().unique(),
    /** The ERP payables InvoiceId, once the approved invoice was sent; payments link through it. */
    erpInvoiceId: text().unique(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastSyncedAt: instantColumn(),
  },
  (table) => [
    index().on(table.supplierId, table.id),
    index().on(table.purchaseOrderId, table.id),
    index().on(table.status, table.id),
    uniqueIndex().on(table.supplierId, table.invoiceNumberKey),
    valueCheck('invoices_status_check', table.status, invoiceStatuses),
    valueCheck('invoices_match_outcome_check', table.matchOutcome, matchOutcomes),
    valueCheck('invoices_source_check', table.source, invoiceSources),
  ],
);

/**
 * How many invoices there are overall, per status, per supplier and per supplier and status (a
 * null column: every value), for `totalCount` without counting the invoices. Kept exact by the
 * statement triggers of migration 0010, in the same transaction as each insert, change and delete.
 */
export const invoiceCounts = invoicingSchema.table(
  'invoice_counts',
  {
    supplierId: referenceColumn(),
    status: text().$type<InvoiceStatus>(),
    slot: counterSlotColumn(),
    count: counterCountColumn(),
  },
  (table) => [unique().on(table.supplierId, table.status, table.slot).nullsNotDistinct()],
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
  (table) => [
    index().on(table.invoiceId),
    index().on(table.queue, table.resolution),
    /** A queue's open exceptions in invoice order: the queue filter walks it and stops at the page. */
    index()
      .on(table.queue, table.invoiceId)
      .where(sql`${table.resolution} is null`),
    valueCheck('match_exceptions_code_check', table.code, exceptionCodes),
    valueCheck('match_exceptions_queue_check', table.queue, exceptionQueues),
    valueCheck('match_exceptions_resolution_check', table.resolution, exceptionResolutions),
  ],
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
    /** The ERP PaymentId its status events are keyed by. */
    erpPaymentId: text().unique(),
    amount: amountColumn().notNull(),
    currency: text().notNull().default('USD'),
    status: text().$type<PaymentStatus>().notNull(),
    method: text().$type<PaymentMethod>().notNull(),
    scheduledFor: date({ mode: 'string' }),
    paidAt: instantColumn(),
    clearedAt: instantColumn(),
    /** When the status last shown on the supplier portal changed: an older status is never written over it. */
    portalStatusAt: instantColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastSyncedAt: instantColumn(),
  },
  (table) => [
    index().on(table.invoiceId, table.id),
    index().on(table.supplierId, table.id),
    valueCheck('payments_status_check', table.status, paymentStatuses),
    valueCheck('payments_method_check', table.method, paymentMethods),
  ],
);

/**
 * A supplier's credit memo against one of its invoices, for the credit finance requested when it
 * resolved a match exception that way. Its number is unique per supplier, compared normalized as
 * invoice numbers are. `amount` is the credit, positive; ERP payables gets it negative.
 */
export const creditMemos = invoicingSchema.table(
  'credit_memos',
  {
    id: idColumn(),
    invoiceId: referenceColumn()
      .notNull()
      .references(() => invoices.id),
    supplierId: referenceColumn().notNull(),
    creditMemoNumber: text().notNull(),
    creditMemoNumberKey: text().notNull(),
    creditMemoDate: date({ mode: 'string' }).notNull(),
    amount: amountColumn().notNull(),
    currency: text().notNull(),
    idempotencyKey: text().unique(),
    /** A digest of the submitted input: the same idempotency key with other input is refused. */
    submissionDigest: text().notNull(),
    /** The ERP payables InvoiceId of the credit memo, once sent. */
    erpInvoiceId: text().unique(),
    createdAt: createdAtColumn(),
  },
  (table) => [index().on(table.invoiceId, table.id), uniqueIndex().on(table.supplierId, table.creditMemoNumberKey)],
);

/** Every evaluation of an invoice's match, oldest first: when, why, what came out and against which contract. */
export const matchEvaluations = invoicingSchema.table(
  'match_evaluations',
  {
    id: idColumn(),
    invoiceId: referenceColumn()
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    trigger: text().$type<MatchTrigger>().notNull(),
    outcome: text().$type<MatchOutcome>().notNull(),
    exceptionCodes: jsonb().$type<ExceptionCode[]>().notNull(),
    contractId: referenceColumn(),
    evaluatedAt: instantColumn().notNull(),
  },
  (table) => [
    index().on(table.invoiceId, table.evaluatedAt),
    valueCheck('match_evaluations_trigger_check', table.trigger, matchTriggers),
    valueCheck('match_evaluations_outcome_check', table.outcome, matchOutcomes),
  ],
);

/**
 * What one payment applies to each invoice it pays (a payment may pay several): `amount` in money,
 * `credited` from the invoice's credit memos the ERP applied with it (their sum is what the ERP paid on the invoice).
 */
export const paymentApplications = invoicingSchema.table(
  'payment_applications',
  {
    paymentId: referenceColumn()
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    invoiceId: referenceColumn()
      .notNull()
      .references(() => invoices.id),
    amount: amountColumn().notNull(),
    credited: amountColumn().notNull().default('0'),
  },
  (table) => [primaryKey({ columns: [table.paymentId, table.invoiceId] }), index().on(table.invoiceId)],
);

/**
 * The latest state of an ERP payment naming invoices not yet linked to their ERP ids: kept, and
 * applied again when the link arrives.
 */
export const unlinkedErpPayments = invoicingSchema.table('unlinked_erp_payments', {
  erpPaymentId: text().primaryKey(),
  erpInvoiceIds: jsonb().$type<string[]>().notNull(),
  snapshot: jsonb().notNull(),
  occurredAt: instantColumn().notNull(),
});

/*
 * Projections of other domains' records, kept from their events (and the seed) so matching never
 * reads another subgraph's tables. Each holds only what the match rules and the connectors need.
 */

export const supplierProjections = invoicingSchema.table('supplier_projections', {
  supplierId: referenceColumn().primaryKey(),
  status: text(),
  /** The supplier's category, for the match tolerances set per category. */
  category: text(),
  erpSupplierId: text(),
  erpSupplierNumber: text(),
  vendorRegistrationId: text(),
  updatedAt: updatedAtColumn(),
});

export const purchaseOrderProjections = invoicingSchema.table('purchase_order_projections', {
  purchaseOrderId: referenceColumn().primaryKey(),
  number: text().notNull(),
  supplierId: referenceColumn().notNull(),
  contractId: referenceColumn(),
  status: text().notNull(),
  orderDate: date({ mode: 'string' }).notNull(),
  currency: text().notNull(),
  updatedAt: updatedAtColumn(),
});

export const purchaseOrderLineProjections = invoicingSchema.table(
  'purchase_order_line_projections',
  {
    purchaseOrderId: referenceColumn()
      .notNull()
      .references(() => purchaseOrderProjections.purchaseOrderId, { onDelete: 'cascade' }),
    lineNumber: integer().notNull(),
    itemNumber: text().notNull(),
    quantity: quantityColumn().notNull(),
    unitPrice: quantityColumn().notNull(),
  },
  (table) => [primaryKey({ columns: [table.purchaseOrderId, table.lineNumber] })],
);

/** Receipts are facts that do not change: one row per receipt line, keyed by the receipt. */
export const receiptLineProjections = invoicingSchema.table(
  'receipt_line_projections',
  {
    receiptId: referenceColumn().notNull(),
    purchaseOrderId: referenceColumn().notNull(),
    lineNumber: integer().notNull(),
    quantityReceived: quantityColumn().notNull(),
    receivedAt: instantColumn().notNull(),
  },
  (table) => [primaryKey({ columns: [table.receiptId, table.lineNumber] }), index().on(table.purchaseOrderId)],
);

export const contractProjections = invoicingSchema.table('contract_projections', {
  contractId: referenceColumn().primaryKey(),
  supplierId: referenceColumn().notNull(),
  number: text().notNull(),
  status: text().notNull(),
  effectiveFrom: date({ mode: 'string' }).notNull(),
  effectiveTo: date({ mode: 'string' }),
  currency: text().notNull(),
  updatedAt: updatedAtColumn(),
});

export const contractPriceTermProjections = invoicingSchema.table(
  'contract_price_term_projections',
  {
    contractId: referenceColumn()
      .notNull()
      .references(() => contractProjections.contractId, { onDelete: 'cascade' }),
    itemNumber: text().notNull(),
    unitPrice: quantityColumn().notNull(),
    unitOfMeasure: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.contractId, table.itemNumber] })],
);

export const toleranceScopes = ['SUPPLIER', 'SUPPLIER_CATEGORY'] as const;
export type ToleranceScope = (typeof toleranceScopes)[number];

/**
 * Match tolerances AP set for one supplier (scopeKey: its id) or one supplier category (scopeKey:
 * the category); the most specific one applies, the defaults where none is set.
 */
export const matchTolerances = invoicingSchema.table(
  'match_tolerances',
  {
    scope: text().$type<ToleranceScope>().notNull(),
    scopeKey: text().notNull(),
    pricePct: quantityColumn().notNull(),
    priceAmount: quantityColumn(),
    quantityPct: quantityColumn().notNull(),
    /** Tax plus freight allowed, in percent of the goods amount; rows from before it was added get the default. */
    taxFreightPct: quantityColumn().notNull().default('10'),
    taxFreightAmount: quantityColumn(),
    setBy: text().notNull(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.scopeKey] }),
    valueCheck('match_tolerances_scope_check', table.scope, toleranceScopes),
  ],
);

export const { outbox, syncStatus, inboundEvents, inboundEntityVersions, feedCursors } = integrationTables(invoicingSchema);

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type MatchExceptionRow = typeof matchExceptions.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type MatchEvaluationRow = typeof matchEvaluations.$inferSelect;
export type MatchToleranceRow = typeof matchTolerances.$inferSelect;
export type PaymentApplicationRow = typeof paymentApplications.$inferSelect;
export type CreditMemoRow = typeof creditMemos.$inferSelect;
