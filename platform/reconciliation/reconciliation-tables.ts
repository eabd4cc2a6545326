import { sql } from 'drizzle-orm';
import { index, integer, jsonb, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, instantColumn, referenceColumn, updatedAtColumn } from '../db/columns.ts';
import { backingSystems, type BackingSystem } from '../db/integration-tables.ts';
import { platformSchema } from '../db/platform-schema.ts';
import { valueCheck } from '../db/value-checks.ts';

export const runStates = ['RUNNING', 'COMPLETED', 'FAILED'] as const;
export type RunState = (typeof runStates)[number];
export const findingKinds = ['MISSING_IN_SYSTEM', 'MISSING_IN_CANONICAL', 'FIELD_MISMATCH'] as const;
export type FindingKind = (typeof findingKinds)[number];
export const findingStates = ['OPEN', 'REPAIRED', 'ALERTED', 'RESOLVED'] as const;
export type FindingState = (typeof findingStates)[number];
export const recordTypes = ['SUPPLIER', 'PURCHASE_ORDER', 'INVOICE', 'PAYMENT', 'CONTRACT'] as const;
export type RecordType = (typeof recordTypes)[number];
export const runTriggers = ['ON_DEMAND', 'SCHEDULED'] as const;
export type RunTrigger = (typeof runTriggers)[number];

/**
 * One reconciliation of one backing system. Each subgraph owning resources of that system compares
 * them in its own part; the run completes when every part has. The counters grow in the same
 * transaction as each part's checkpoint, so a resumed part never counts a page twice.
 */
export const reconciliationRuns = platformSchema.table(
  'reconciliation_runs',
  {
    id: idColumn(),
    system: text().$type<BackingSystem>().notNull(),
    state: text().$type<RunState>().notNull(),
    trigger: text().$type<RunTrigger>().notNull(),
    /** The services whose part the run waits for. */
    services: jsonb().$type<string[]>().notNull(),
    /** Each record once: the systems' records, then the canonical records the systems lacked. */
    recordsCompared: integer().notNull().default(0),
    /** Canonical records looked up among the records the system returned (each part's second pass). */
    canonicalRecordsChecked: integer().notNull().default(0),
    findingsCount: integer().notNull().default(0),
    repairedCount: integer().notNull().default(0),
    error: text(),
    startedAt: createdAtColumn(),
    finishedAt: instantColumn(),
  },
  (table) => [
    index().on(table.system, table.startedAt),
    // One run of a system at a time: a second start meets this instead of racing the first.
    uniqueIndex('reconciliation_runs_one_running')
      .on(table.system)
      .where(sql`${table.state} = 'RUNNING'`),
    valueCheck('reconciliation_runs_system_check', table.system, backingSystems),
    valueCheck('reconciliation_runs_state_check', table.state, runStates),
    valueCheck('reconciliation_runs_trigger_check', table.trigger, runTriggers),
  ],
);

/** One service's part of a run: where it stands (its checkpoint, written after every page). */
export const reconciliationParts = platformSchema.table(
  'reconciliation_parts',
  {
    runId: referenceColumn().notNull(),
    service: text().notNull(),
    state: text().$type<RunState>().notNull(),
    /** What the comparer needs to go on from the last page done; null before the first. */
    checkpoint: jsonb().$type<Record<string, unknown>>(),
    recordsCompared: integer().notNull().default(0),
    canonicalRecordsChecked: integer().notNull().default(0),
    /** Pages done; numbers the part's slices, so a continuation sent twice is one job. */
    pages: integer().notNull().default(0),
    /** A slice works the part until then; another slice of it (a duplicate) leaves it alone meanwhile. */
    leaseUntil: instantColumn(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.service] }),
    valueCheck('reconciliation_parts_state_check', table.state, runStates),
  ],
);

/**
 * The system records a part has met, so the canonical records it never met can be found
 * afterwards without holding a whole system in memory. Emptied when the part completes.
 */
export const reconciliationSeen = platformSchema.table(
  'reconciliation_seen',
  {
    runId: referenceColumn().notNull(),
    service: text().notNull(),
    recordKey: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.service, table.recordKey] })],
);

/**
 * A difference between the canonical store and a system. `recordKey` names the record across runs
 * (the system's id, or the canonical id when the system has none); an unsettled finding (OPEN or
 * ALERTED) exists once per record, kind and field, so a later run finding the same drift adds nothing.
 */
export const driftFindings = platformSchema.table(
  'drift_findings',
  {
    id: idColumn(),
    runId: referenceColumn().notNull(),
    service: text().notNull(),
    system: text().$type<BackingSystem>().notNull(),
    recordType: text().$type<RecordType>().notNull(),
    recordKey: text().notNull(),
    recordId: text(),
    externalId: text(),
    kind: text().$type<FindingKind>().notNull(),
    /** Empty when the finding is about the whole record. */
    field: text().notNull().default(''),
    canonicalValue: text(),
    systemValue: text(),
    /** Which side is the record for this field: PROCUREGRAPH or the system. */
    systemOfRecord: text().notNull(),
    state: text().$type<FindingState>().notNull(),
    note: text(),
    resolvedBy: text(),
    detectedAt: createdAtColumn(),
    settledAt: instantColumn(),
  },
  (table) => [
    uniqueIndex('drift_findings_unsettled_once')
      .on(table.system, table.recordType, table.recordKey, table.kind, table.field)
      .where(sql`${table.state} in ('OPEN', 'ALERTED')`),
    index().on(table.runId),
    index().on(table.system, table.state, table.detectedAt),
    valueCheck('drift_findings_system_check', table.system, backingSystems),
    valueCheck('drift_findings_kind_check', table.kind, findingKinds),
    valueCheck('drift_findings_state_check', table.state, findingStates),
    valueCheck('drift_findings_record_type_check', table.recordType, recordTypes),
  ],
);
