import { formatDecimal } from '../money.ts';
import type { FindingInput, SystemOfRecord } from './findings.ts';
import type { RecordType } from './reconciliation-tables.ts';
import type { CanonicalPage } from './run-part.ts';

/**
 * How every comparer words its findings: one record named once, and the findings about it built
 * from that name, so each comparer says only what it compares and what its policy does.
 */

type Repair = FindingInput['repair'];

/** A record as its findings name it. */
export interface ComparedRecord {
  recordType: RecordType;
  /** The record's name across runs: the system's id, or the canonical id when the system has none. */
  recordKey: string;
  externalId: string | null;
  systemOfRecord: SystemOfRecord;
}

/** One field both sides hold, as comparable text (masked already when sensitive). */
export type ComparedField = readonly [field: string, canonicalValue: string | null, systemValue: string | null];

/** An amount or quantity: compared as a number, shown without trailing zeros ("12.5" for 12.5000 and 12.50). */
export function decimalField(field: string, canonicalValue: string, systemValue: string): ComparedField {
  return [field, formatDecimal(canonicalValue), formatDecimal(systemValue)];
}

/** The system has a record the canonical store does not. */
export function missingInCanonical(record: ComparedRecord, systemValue: string | null, repair?: Repair): FindingInput {
  return { ...record, recordId: null, kind: 'MISSING_IN_CANONICAL', systemValue, repair };
}

/** The canonical store has a record linked to the system, which the system does not have. */
export function missingInSystem(record: ComparedRecord, recordId: string, canonicalValue: string | null, repair?: Repair): FindingInput {
  return { ...record, recordId, kind: 'MISSING_IN_SYSTEM', canonicalValue, repair };
}

/** A FIELD_MISMATCH for each field whose two values differ, each repaired the same way. */
export function fieldMismatches(
  record: ComparedRecord,
  recordId: string,
  fields: readonly ComparedField[],
  repair?: Repair,
): FindingInput[] {
  return fields
    .filter(([, canonicalValue, systemValue]) => canonicalValue !== systemValue)
    .map(([field, canonicalValue, systemValue]) => ({
      ...record,
      recordId,
      kind: 'FIELD_MISMATCH',
      field,
      canonicalValue,
      systemValue,
      repair,
    }));
}

/**
 * A page of canonical records linked to the system, in the order of their paging key: each is
 * reported (as `findingOf` words it) unless the system's pages met it. A short page is the last.
 */
export function canonicalPageOf<Row>(
  rows: readonly Row[],
  pageSize: number,
  pagingKey: (row: Row) => string,
  findingOf: (row: Row) => FindingInput,
): CanonicalPage {
  return {
    records: rows.map((row) => {
      const finding = findingOf(row);
      return { recordKey: finding.recordKey, finding };
    }),
    next: rows.length < pageSize ? null : pagingKey(rows.at(-1)!),
  };
}
