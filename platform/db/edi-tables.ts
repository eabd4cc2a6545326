import { boolean, index, integer, jsonb, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, instantColumn, referenceColumn, updatedAtColumn } from './columns.ts';
import { platformSchema } from './platform-schema.ts';
import { valueCheck } from './value-checks.ts';

export const ediDocumentTypes = ['X12_810', 'X12_820', 'X12_850', 'X12_855', 'X12_997', 'CSV_INVOICES', 'CSV_REMITTANCE'] as const;
export type EdiDocumentType = (typeof ediDocumentTypes)[number];
export const ediDirections = ['INBOUND', 'OUTBOUND'] as const;
export type EdiDirection = (typeof ediDirections)[number];
export const ediStatuses = ['ACCEPTED', 'ACCEPTED_WITH_ERRORS', 'REJECTED', 'DUPLICATE', 'SENT', 'ACKNOWLEDGED'] as const;
export type EdiStatus = (typeof ediStatuses)[number];
export const x12Versions = ['004010', '005010'] as const;
/** How a partner receiving 850s gets its orders: by EDI besides the portal publication, or by EDI instead of it. */
export const orderDeliveries = ['EDI_AND_PORTAL', 'EDI_ONLY'] as const;
export type OrderDelivery = (typeof orderDeliveries)[number];

/** One problem with a document, addressed as a 997 addresses it (or by CSV row and column). */
export interface EdiDocumentError {
  segment: string | null;
  position: number | null;
  element: number | null;
  code: string;
  message: string;
}

/**
 * A supplier that trades by EDI: its interchange address, X12 version, separators, which
 * documents it sends us and which it wants. Platform tables, because documents of several
 * domains (invoices, orders, payments) are exchanged with one partner profile.
 */
export const tradingPartners = platformSchema.table(
  'trading_partners',
  {
    supplierId: referenceColumn().primaryKey(),
    interchangeQualifier: text().notNull(),
    interchangeId: text().notNull(),
    groupId: text().notNull(),
    version: text().notNull(),
    inbound: text().array().$type<EdiDocumentType[]>().notNull(),
    outbound: text().array().$type<EdiDocumentType[]>().notNull(),
    elementSeparator: text().notNull().default('*'),
    segmentTerminator: text().notNull().default('~'),
    /** Whether one bad transaction set rejects the good ones in its functional group. */
    rejectGroupOnError: boolean().notNull().default(false),
    orderDelivery: text().$type<OrderDelivery>().notNull().default('EDI_AND_PORTAL'),
    /**
     * The last interchange control number (ISA13, GS06) we sent this partner: each document takes
     * the next under the row's lock, so the partner sees them in order, none repeated or skipped.
     */
    lastControlNumber: integer().notNull().default(0),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    uniqueIndex().on(table.interchangeQualifier, table.interchangeId),
    valueCheck('trading_partners_version_check', table.version, x12Versions),
    valueCheck('trading_partners_order_delivery_check', table.orderDelivery, orderDeliveries),
  ],
);

/**
 * Every interchange received, by sender and ISA13: the first insert wins, so an interchange sent
 * twice has one effect however the two copies race.
 */
export const ediInterchanges = platformSchema.table(
  'edi_interchanges',
  {
    sender: text().notNull(),
    controlNumber: text().notNull(),
    /** The 997 we answered with, returned again to a sender that repeats the interchange. */
    acknowledgment: text().notNull(),
    receivedAt: createdAtColumn(),
  },
  (table) => [primaryKey({ columns: [table.sender, table.controlNumber] })],
);

/** The document log: each transaction set or CSV file exchanged, with its raw content and what it created or carried. */
export const ediDocuments = platformSchema.table(
  'edi_documents',
  {
    id: idColumn(),
    direction: text().$type<EdiDirection>().notNull(),
    type: text().$type<EdiDocumentType>().notNull(),
    interchangeControlNumber: text(),
    /** GS06 and ST02 within the interchange, to match a 997 to what it acknowledges. */
    groupControlNumber: text(),
    transactionControlNumber: text(),
    supplierId: referenceColumn(),
    status: text().$type<EdiStatus>().notNull(),
    errors: jsonb().$type<EdiDocumentError[]>().notNull().default([]),
    invoiceId: referenceColumn(),
    purchaseOrderId: referenceColumn(),
    paymentId: referenceColumn(),
    receivedAt: createdAtColumn(),
    acknowledgedAt: instantColumn(),
    /** Null once the retention period has passed. */
    content: text(),
  },
  (table) => [
    index().on(table.receivedAt),
    index().on(table.supplierId, table.receivedAt),
    index().on(table.direction, table.groupControlNumber),
    valueCheck('edi_documents_direction_check', table.direction, ediDirections),
    valueCheck('edi_documents_type_check', table.type, ediDocumentTypes),
    valueCheck('edi_documents_status_check', table.status, ediStatuses),
  ],
);
