import { date, index, integer, jsonb, pgSchema, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  amountColumn,
  counterCountColumn,
  counterSlotColumn,
  createdAtColumn,
  idColumn,
  instantColumn,
  referenceColumn,
  updatedAtColumn,
  backingSystems,
  integrationTables,
  type BackingSystem,
  valueCheck,
} from '@procuregraph/platform/db';
import type { SupplierSetupIds } from '@procuregraph/connector-erp';

export const suppliersSchema = pgSchema('suppliers');

export const supplierStatuses = ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'ON_HOLD', 'REJECTED', 'INACTIVE'] as const;
export type SupplierStatus = (typeof supplierStatuses)[number];

export const supplierCategories = [
  'MEDICAL_SURGICAL',
  'PHARMACEUTICAL',
  'FACILITIES_MAINTENANCE',
  'BIOMEDICAL_EQUIPMENT_SERVICE',
  'STAFFING',
  'LABORATORY',
  'FOOD_SERVICE',
  'IT_SERVICES',
] as const;
export type SupplierCategory = (typeof supplierCategories)[number];

export const screeningStatuses = ['CLEAR', 'POTENTIAL_MATCH', 'EXCLUDED'] as const;
export type ScreeningStatus = (typeof screeningStatuses)[number];

export const insuranceTypes = [
  'GENERAL_LIABILITY',
  'WORKERS_COMPENSATION',
  'PROFESSIONAL_LIABILITY',
  'AUTO_LIABILITY',
  'CYBER_LIABILITY',
] as const;
export type InsuranceType = (typeof insuranceTypes)[number];

export const bankAccountTypes = ['CHECKING', 'SAVINGS'] as const;
export type BankAccountType = (typeof bankAccountTypes)[number];

export interface AddressValue {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export const insuranceStatuses = ['VALID', 'EXPIRING_SOON', 'EXPIRED'] as const;
export type InsuranceStatus = (typeof insuranceStatuses)[number];

/** The ERP records created for a supplier; all of them, so the site and bank account can be found again. */
export type ErpLinks = SupplierSetupIds;

/** Why a supplier is held; a supplier may be held for several at once and is released when none is left. */
export const holdReasons = ['INSURANCE_EXPIRED', 'SCREENING', 'BANK_ACCOUNT_DRIFT', 'TAX_ID_DRIFT'] as const;
export type HoldReason = (typeof holdReasons)[number];

export interface ContactValue {
  name: string;
  email: string;
  phone: string | null;
}

export const suppliers = suppliersSchema.table(
  'suppliers',
  {
    id: idColumn(),
    supplierNumber: text().notNull().unique(),
    legalName: text().notNull(),
    /** Lower case, punctuation and corporate suffixes removed: what duplicate detection and search compare. */
    legalNameKey: text().notNull(),
    dbaName: text(),
    category: text().$type<SupplierCategory>().notNull(),
    status: text().$type<SupplierStatus>().notNull(),
    /** AES-256-GCM ciphertext; only the last four digits are ever read back out. */
    taxIdCiphertext: text().notNull(),
    taxIdLast4: text().notNull(),
    /** Keyed hash of the TIN, so a duplicate is found without decrypting anything. */
    taxIdFingerprint: text().notNull(),
    address: jsonb().$type<AddressValue>().notNull(),
    contact: jsonb().$type<ContactValue>(),
    bankRoutingNumber: text(),
    bankAccountCiphertext: text(),
    bankAccountLast4: text(),
    /** Keyed hash of routing and account number: a bank account already on file is found without decrypting. */
    bankAccountFingerprint: text(),
    bankAccountType: text().$type<BankAccountType>(),
    screeningStatus: text().$type<ScreeningStatus>().notNull().default('CLEAR'),
    screeningCheckedAt: instantColumn(),
    idempotencyKey: text().unique(),
    /** sha256 of the canonical input, so a reused idempotency key with other input is caught. */
    inputFingerprint: text(),
    /** The registration as submitted, before normalization, with the TIN and account number masked. */
    submitted: jsonb().$type<Record<string, unknown>>(),
    /** The LEIE entry a POTENTIAL_MATCH or EXCLUDED screening found, for the compliance reviewer. */
    screeningMatch: text(),
    insuranceStatus: text().$type<InsuranceStatus>().notNull().default('VALID'),
    /** The status the first open hold interrupted, restored when the last one is cleared. */
    statusBeforeHold: text().$type<SupplierStatus>(),
    erpLinks: jsonb().$type<ErpLinks>(),
    rejectionReason: text(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
    lastSyncedAt: instantColumn(),
  },
  (table) => [
    index().on(table.status, table.id),
    index().on(table.legalNameKey),
    uniqueIndex().on(table.taxIdFingerprint),
    index().on(table.bankAccountFingerprint),
    valueCheck('suppliers_category_check', table.category, supplierCategories),
    valueCheck('suppliers_status_check', table.status, supplierStatuses),
    valueCheck('suppliers_bank_account_type_check', table.bankAccountType, bankAccountTypes),
    valueCheck('suppliers_screening_status_check', table.screeningStatus, screeningStatuses),
    valueCheck('suppliers_insurance_status_check', table.insuranceStatus, insuranceStatuses),
    valueCheck('suppliers_status_before_hold_check', table.statusBeforeHold, supplierStatuses),
  ],
);

/**
 * How many suppliers there are per status and category, for `totalCount` without counting the
 * suppliers (a filter on one of the two sums over the other). Kept exact by the statement triggers
 * of migration 0009, in the same transaction as each insert, change and delete.
 */
export const supplierCounts = suppliersSchema.table(
  'supplier_counts',
  {
    status: text().$type<SupplierStatus>().notNull(),
    category: text().$type<SupplierCategory>().notNull(),
    slot: counterSlotColumn(),
    count: counterCountColumn(),
  },
  (table) => [primaryKey({ columns: [table.status, table.category, table.slot] })],
);

/** Canonical supplier numbers for onboarded suppliers; starts above every demo world's numbers. */
export const supplierNumberSequence = suppliersSchema.sequence('supplier_number_seq', { startWith: 1_000_000 });

export const insuranceCertificates = suppliersSchema.table(
  'insurance_certificates',
  {
    id: idColumn(),
    supplierId: referenceColumn()
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    type: text().$type<InsuranceType>().notNull(),
    carrier: text().notNull(),
    policyNumber: text().notNull(),
    coverageAmount: amountColumn().notNull(),
    currency: text().notNull().default('USD'),
    expiresOn: date({ mode: 'string' }).notNull(),
  },
  (table) => [index().on(table.supplierId), valueCheck('insurance_certificates_type_check', table.type, insuranceTypes)],
);

export const externalReferences = suppliersSchema.table(
  'external_references',
  {
    supplierId: referenceColumn()
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    system: text().$type<BackingSystem>().notNull(),
    externalId: text().notNull(),
    createdAt: createdAtColumn(),
  },
  (table) => [
    primaryKey({ columns: [table.supplierId, table.system] }),
    uniqueIndex().on(table.system, table.externalId),
    valueCheck('external_references_system_check', table.system, backingSystems),
  ],
);

/** One row per open hold: a supplier is ON_HOLD exactly while it has one. */
export const supplierHolds = suppliersSchema.table(
  'supplier_holds',
  {
    supplierId: referenceColumn()
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    reason: text().$type<HoldReason>().notNull(),
    openedAt: createdAtColumn(),
  },
  (table) => [
    primaryKey({ columns: [table.supplierId, table.reason] }),
    valueCheck('supplier_holds_reason_check', table.reason, holdReasons),
  ],
);

/** CLEARED: the match is not this supplier; CONFIRMED: it is, and the supplier stays held. */
export const screeningDecisions = ['CLEARED', 'CONFIRMED'] as const;
export type ScreeningDecision = (typeof screeningDecisions)[number];

/** A compliance officer's decision on a screening match: who, why, when, and about which entry. */
export const complianceDecisions = suppliersSchema.table(
  'compliance_decisions',
  {
    id: idColumn(),
    supplierId: referenceColumn()
      .notNull()
      .references(() => suppliers.id, { onDelete: 'cascade' }),
    decision: text().$type<ScreeningDecision>().notNull(),
    /** The exclusion-list entry decided on, as the screening described it. */
    match: text().notNull(),
    screeningStatus: text().$type<ScreeningStatus>().notNull(),
    reason: text().notNull(),
    decidedBy: text().notNull(),
    decidedAt: createdAtColumn(),
  },
  (table) => [
    index().on(table.supplierId, table.id),
    valueCheck('compliance_decisions_decision_check', table.decision, screeningDecisions),
    valueCheck('compliance_decisions_screening_status_check', table.screeningStatus, screeningStatuses),
  ],
);

export const exclusionListRunTriggers = ['SCHEDULE', 'MANUAL'] as const;
export type ExclusionListRunTrigger = (typeof exclusionListRunTriggers)[number];
export const exclusionListRunStates = ['RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ExclusionListRunState = (typeof exclusionListRunStates)[number];

/** One reload of the exclusion list and rescreening of every current supplier. */
export const exclusionListRuns = suppliersSchema.table(
  'exclusion_list_runs',
  {
    id: idColumn(),
    trigger: text().$type<ExclusionListRunTrigger>().notNull(),
    /** The file or URL the list was read from. */
    source: text().notNull(),
    state: text().$type<ExclusionListRunState>().notNull(),
    startedAt: createdAtColumn(),
    finishedAt: instantColumn(),
    entries: integer().notNull().default(0),
    checked: integer().notNull().default(0),
    potentialMatches: integer().notNull().default(0),
    excluded: integer().notNull().default(0),
    newlyExcluded: integer().notNull().default(0),
    reinstated: integer().notNull().default(0),
    putOnHold: integer().notNull().default(0),
    error: text(),
  },
  (table) => [
    valueCheck('exclusion_list_runs_trigger_check', table.trigger, exclusionListRunTriggers),
    valueCheck('exclusion_list_runs_state_check', table.state, exclusionListRunStates),
  ],
);

export const { outbox, syncStatus, inboundEvents, inboundEntityVersions, feedCursors } = integrationTables(suppliersSchema);

export type SupplierRow = typeof suppliers.$inferSelect;
export type InsuranceCertificateRow = typeof insuranceCertificates.$inferSelect;
export type ExternalReferenceRow = typeof externalReferences.$inferSelect;
export type SupplierHoldRow = typeof supplierHolds.$inferSelect;
export type ComplianceDecisionRow = typeof complianceDecisions.$inferSelect;
export type ExclusionListRunRow = typeof exclusionListRuns.$inferSelect;
