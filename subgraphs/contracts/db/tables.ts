import { date, index, integer, pgSchema, primaryKey, text } from 'drizzle-orm/pg-core';
import {
  createdAtColumn,
  idColumn,
  instantColumn,
  quantityColumn,
  referenceColumn,
  updatedAtColumn,
  integrationTables,
  valueCheck,
} from '@procuregraph/platform/db';

export const contractsSchema = pgSchema('contracts');

export const contractStatuses = ['DRAFT', 'ACTIVE', 'EXPIRED', 'TERMINATED'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const contracts = contractsSchema.table(
  'contracts',
  {
    id: idColumn(),
    number: text().notNull().unique(),
    supplierId: referenceColumn().notNull(),
    title: text().notNull(),
    status: text().$type<ContractStatus>().notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    /** Null for an open-ended agreement. */
    effectiveTo: date({ mode: 'string' }),
    currency: text().notNull().default('USD'),
    /** The contract repository's id (`CLM-…`): how its change feed finds the row. */
    repositoryId: text().unique(),
    /** The counterparty's ERP supplier number as the repository names it; maps new contracts to a supplier. */
    vendorNumber: text(),
    /** The repository's version last applied. */
    repositoryVersion: integer(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastSyncedAt: instantColumn(),
  },
  (table) => [
    index().on(table.supplierId, table.id),
    index().on(table.status, table.id),
    valueCheck('contracts_status_check', table.status, contractStatuses),
  ],
);

export const priceTerms = contractsSchema.table(
  'price_terms',
  {
    contractId: referenceColumn()
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    itemNumber: text().notNull(),
    unitPrice: quantityColumn().notNull(),
    unitOfMeasure: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.contractId, table.itemNumber] }), index().on(table.itemNumber)],
);

export const { outbox, syncStatus, inboundEvents, inboundEntityVersions, feedCursors } = integrationTables(contractsSchema);

export type ContractRow = typeof contracts.$inferSelect;
export type PriceTermRow = typeof priceTerms.$inferSelect;
