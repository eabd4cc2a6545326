import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, text, uuid } from 'drizzle-orm/pg-core';
import { instantColumn } from '../db/columns.ts';
import { platformSchema } from '../db/platform-schema.ts';
import { valueCheck } from '../db/value-checks.ts';

/** REFUSED: an operation the gateway turned away before any subgraph saw it (token, limits, rate, safelist). */
export const auditKinds = ['MUTATION', 'SENSITIVE_READ', 'REFUSED'] as const;
export type AuditKind = (typeof auditKinds)[number];
export const auditOutcomes = ['SUCCEEDED', 'USER_ERROR', 'FORBIDDEN', 'FAILED'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/** What an audit row says beyond its columns: names and codes, never input values, but for the reason a person gave for lifting a control. */
export interface AuditDetail {
  /** The client's GraphQL operation name, when it gave one. */
  operationName?: string;
  /** The userErrors codes (USER_ERROR) or the error code (FORBIDDEN, FAILED). */
  codes?: string[];
  /** Why a person lifted a control (a drift alert resolved): the one input kept, as the decision's reason. */
  note?: string;
}

/**
 * One audited event: a mutation, or a read of a sensitive field of one record. Rows are only ever
 * inserted: the migration `audit-append-only` makes the database refuse UPDATE and TRUNCATE, and
 * DELETE of rows younger than the retention floor kept in `audit_settings`.
 */
export const auditEvents = platformSchema.table(
  'audit_events',
  {
    id: uuid().primaryKey(),
    occurredAt: instantColumn().notNull().defaultNow(),
    actor: text().notNull(),
    role: text().notNull(),
    supplierId: uuid(),
    service: text().notNull(),
    kind: text().$type<AuditKind>().notNull(),
    operation: text().notNull(),
    recordType: text(),
    recordId: text(),
    clientAddress: text(),
    outcome: text().$type<AuditOutcome>().notNull(),
    detail: jsonb().$type<AuditDetail>().notNull().default({}),
  },
  (table) => [
    index().on(table.occurredAt),
    index().on(table.actor, table.id),
    index().on(table.recordId, table.id),
    valueCheck('audit_events_kind_check', table.kind, auditKinds),
    valueCheck('audit_events_outcome_check', table.outcome, auditOutcomes),
  ],
);

/**
 * The one row holding the retention floor: audit rows younger than it cannot be deleted. The
 * migration seeds it and its triggers let it only grow, so the application cannot shorten the
 * retention it is held to.
 */
export const auditSettings = platformSchema.table(
  'audit_settings',
  {
    singleton: boolean().primaryKey().default(true),
    retentionFloorDays: integer().notNull(),
  },
  (table) => [check('audit_settings_singleton', sql`${table.singleton}`)],
);
