import { date, index, integer, jsonb, pgSchema, primaryKey, text } from 'drizzle-orm/pg-core';
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
import type { RepositoryContractSnapshot } from '../contract-repository-mapping.ts';

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

/** The suppliers' ERP supplier numbers, from `supplier.erp_linked`: how a supplier's first contract finds it. */
export const supplierLinks = contractsSchema.table(
  'supplier_links',
  {
    supplierId: referenceColumn().primaryKey(),
    erpSupplierNumber: text().notNull(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [index().on(table.erpSupplierNumber)],
);

/** A contract whose supplier is not known yet, kept (latest version) until its supplier is linked. */
export const pendingContracts = contractsSchema.table(
  'pending_contracts',
  {
    repositoryId: text().primaryKey(),
    vendorNumber: text(),
    version: integer().notNull(),
    snapshot: jsonb().$type<RepositoryContractSnapshot>().notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [index().on(table.vendorNumber)],
);

export const { outbox, syncStatus, inboundEvents, inboundEntityVersions, feedCursors } = integrationTables(contractsSchema);

export type ContractRow = typeof contracts.$inferSelect;
export type PriceTermRow = typeof priceTerms.$inferSelect;
