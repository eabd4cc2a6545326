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
      await db.insert(auditEvents).values(entries.map((entry) => ({ id: newId(), ...entry })));
    },
  };
}
