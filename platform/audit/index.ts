// The public entry of platform/audit: what other workspaces may import.
export { auditLogOn, createAuditLog, type AuditLog } from './audit-log.ts';
export { listAuditEvents, type AuditEventRow } from './audit-query.ts';
export { startAuditRetention } from './audit-retention.ts';
