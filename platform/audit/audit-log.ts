import { sql } from 'drizzle-orm';
import type { DatabaseClient } from '../db/client.ts';
import { createServiceDatabase, type Database } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { auditEvents, type AuditDetail, type AuditKind, type AuditOutcome } from './audit-table.ts';

/** One event to record; the log gives it its id and, unless told, the time. */
export interface AuditEntry {
  actor: string;
  role: string;
  supplierId: string | null;
  service: string;
  kind: AuditKind;
  operation: string;
  recordType: string | null;
  recordId: string | null;
  clientAddress: string | null;
  outcome: AuditOutcome;
  detail: AuditDetail;
  occurredAt?: Date;
}

/** Where audit rows are written: platform.audit_events, shared by every service. */
export interface AuditLog {
  /** Writes the entries in one INSERT; rejects when the database does. */
  append(entries: readonly AuditEntry[]): Promise<void>;
}

export function createAuditLog(client: DatabaseClient): AuditLog {
  return auditLogOn(createServiceDatabase(client, 'platform', 'audit').db);
}

export function auditLogOn(db: Database): AuditLog {
  return {
    async append(entries) {
      if (entries.length === 0) return;
      await db.execute(insertAsOneParameter(entries));
    },
  };
}

/**
 * The INSERT with all rows in one JSON parameter: a page of 50 suppliers records 50 sensitive
 * reads, and drizzle's builder spent more CPU binding their 650 parameters than the page's own
 * queries took (bench/FINDINGS.md, subgraph CPU per request). Same rows, same defaults.
 */
function insertAsOneParameter(entries: readonly AuditEntry[]) {
  const rows = JSON.stringify(entries.map((entry) => ({ ...entry, id: newId() })));
  return sql`insert into ${auditEvents}
      (id, occurred_at, actor, role, supplier_id, service, kind, operation, record_type, record_id, client_address, outcome, detail)
    select id, coalesce("occurredAt", now()), actor, role, "supplierId", service, kind, operation, "recordType", "recordId",
      "clientAddress", outcome, coalesce(detail, '{}'::jsonb)
    from jsonb_to_recordset(${rows}::jsonb) as entry(
      id uuid, "occurredAt" timestamptz, actor text, role text, "supplierId" uuid, service text, kind text, operation text,
      "recordType" text, "recordId" text, "clientAddress" text, outcome text, detail jsonb)`;
}
