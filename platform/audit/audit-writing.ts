import { GraphQLError, type ExecutionResult } from 'graphql';
import type { UserCaller } from '../auth/tokens.ts';
import type { Logger } from '../logging.ts';
import { describeError } from '../resilience/failures.ts';
import type { AuditLog } from './audit-log.ts';
import { auditWriteFailuresTotal } from './audit-metrics.ts';
import { AuditedRequest } from './audited-request.ts';
import { AUDIT_UNAVAILABLE, attachAuditTrail } from './sensitive-fields.ts';

/** Where a service writes its audit trails. */
export interface AuditWriting {
  readonly service: string;
  readonly log: AuditLog;
  readonly logger: Logger;
}

export const auditUnavailable = () =>
  new GraphQLError('The audit log is unavailable, so sensitive fields cannot be read right now', {
    extensions: { code: AUDIT_UNAVAILABLE },
  });

/**
 * Writes a request's trail in one INSERT. Answers false when it could not, and the request read
 * sensitive fields: their values must then be withheld (no unaudited access to bank data). A
 * mutation's change is committed already, so its answer stands; the failure goes to the log and
 * to `audit_write_failures_total`.
 */
export async function writeTrail(writing: AuditWriting, trail: AuditedRequest): Promise<boolean> {
  if (trail.entries.length === 0) return true;
  try {
    await writing.log.append(trail.entries);
    return true;
  } catch (error) {
    auditWriteFailuresTotal.inc({ service: writing.service });
    writing.logger.error({ error: describeError(error), entries: trail.entries.length }, 'could not write audit events');
    return !trail.readsSensitiveFields;
  }
}

/** Runs one execution outside Apollo Server (a subscription event) with its audit trail. */
export async function executeAudited(
  writing: AuditWriting,
  context: { readonly caller: UserCaller },
  operationName: string | undefined,
  run: () => Promise<ExecutionResult>,
): Promise<ExecutionResult> {
  const trail = new AuditedRequest(writing.service, context.caller, operationName);
  attachAuditTrail(context, trail);
  const result = await run();
  return (await writeTrail(writing, trail)) ? result : { errors: [auditUnavailable()] };
}
