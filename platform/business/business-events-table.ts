import { bigint, boolean, index, integer, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, instantColumn } from '../db/columns.ts';
import { platformSchema } from '../db/platform-schema.ts';
import { valueCheck } from '../db/value-checks.ts';

export const businessEventKinds = [
  'SUPPLIER_REGISTERED',
  'SUPPLIER_ACTIVATED',
  'INVOICE_RECEIVED',
  'INVOICE_MATCHED',
  'MATCH_EXCEPTION',
  'ORDER_LINE_INVOICED',
  'INVOICE_APPROVED',
  'INVOICE_PAID',
  'ORDER_ACKNOWLEDGED',
  'PAYMENT_STATUS_PUBLISHED',
] as const;
export type BusinessEventKind = (typeof businessEventKinds)[number];

/**
 * One row per business fact the figures are computed from: a supplier registered and activated,
 * each match of an invoice (and each exception it raised, each order line it billed), an approval,
 * a payment, an order acknowledged, a payment status published. Written by the subgraph that owns
 * the record, in the transaction of the fact, so the figures count exactly what happened; kept at
 * platform level because a figure (perfect orders) joins facts of several subgraphs.
 */
export const businessEvents = platformSchema.table(
  'business_events',
  {
    id: idColumn(),
    kind: text().$type<BusinessEventKind>().notNull(),
    supplierId: uuid().notNull(),
    /** The supplier, invoice, order or payment the fact is about. */
    entityId: uuid().notNull(),
    at: instantColumn().notNull(),
    /** From the fact's start (registration, receipt, the ERP's event) to `at`. */
    durationMs: bigint({ mode: 'number' }),
    /** MATCHED or EXCEPTION for a match; PERFECT or IMPERFECT for a line; TOUCHLESS or TOUCHED for an approval. */
    outcome: text(),
    /** A match made when the invoice arrived, not a later re-match. */
    firstTime: boolean(),
    /** An exception's code and the queue it went to. */
    code: text(),
    queue: text(),
    /** An order line's number. */
    lineNumber: integer(),
    /** Where a payment status was published: GRAPH or PORTAL. */
    target: text(),
  },
  (table) => [
    index().on(table.kind, table.at),
    index().on(table.supplierId, table.kind, table.at),
    index().on(table.entityId, table.kind),
    valueCheck('business_events_kind_check', table.kind, businessEventKinds),
  ],
);
