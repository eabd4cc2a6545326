import { getNamedType, isObjectType, type GraphQLResolveInfo } from 'graphql';
import type { UserCaller } from '../auth/tokens.ts';
import { isUuid } from '../db/ids.ts';
import type { AuditEntry } from './audit-log.ts';
import type { AuditOutcome } from './audit-table.ts';

/**
 * The audit entries one request collects.
 *
 * A mutation's record id is, in this order: its `id` argument; the `id` of the record its payload
 * returns (the payload's first field besides userErrors); the first UUID-valued `…Id` field of
 * its `input`. Nothing else is taken from the input, and only UUIDs (a `taxId` is not an id).
 */
export class AuditedRequest {
  readonly entries: AuditEntry[] = [];
  readsSensitiveFields = false;
  private readonly recordedReads = new Set<string>();

  private readonly operationName: string | undefined;

  constructor(
    private readonly service: string,
    private readonly caller: UserCaller,
    requestOperationName: string | undefined,
  ) {
    this.operationName = clientOperationName(requestOperationName, service);
  }

  mutation(info: GraphQLResolveInfo, args: Record<string, unknown>, error: Error | null, result: unknown): void {
    const recordType = payloadRecordField(info);
    const userErrorCodes = codesOf((result as { userErrors?: unknown } | null)?.userErrors);
    const outcome: AuditOutcome = error ? outcomeOf(error) : userErrorCodes.length > 0 ? 'USER_ERROR' : 'SUCCEEDED';
    this.entries.push(
      this.entry('MUTATION', info.fieldName, outcome, error ? [errorCode(error)] : userErrorCodes, {
        recordType: recordType?.typeName ?? null,
        recordId: mutationRecordId(args, result, recordType?.fieldName),
      }),
    );
  }

  sensitiveRead(info: GraphQLResolveInfo, source: unknown, error: Error | null): void {
    const recordId = stringOrNull((source as { id?: unknown } | null)?.id);
    const operation = `${info.parentType.name}.${info.fieldName}`;
    const key = `${operation}:${recordId}`;
    if (this.recordedReads.has(key)) return;
    this.recordedReads.add(key);
    this.readsSensitiveFields = true;
    this.entries.push(
      this.entry('SENSITIVE_READ', operation, error ? outcomeOf(error) : 'SUCCEEDED', error ? [errorCode(error)] : [], {
        recordType: info.parentType.name,
        recordId,
      }),
    );
  }

  private entry(
    kind: AuditEntry['kind'],
    operation: string,
    outcome: AuditOutcome,
    codes: string[],
    record: Pick<AuditEntry, 'recordType' | 'recordId'>,
  ): AuditEntry {
    const { caller } = this;
    return {
      actor: caller.subject,
      role: caller.role,
      supplierId: caller.kind === 'supplier' ? caller.supplierId : null,
      service: this.service,
      kind,
      operation,
      ...record,
      clientAddress: caller.clientAddress ?? null,
      outcome,
      detail: { ...(this.operationName ? { operationName: this.operationName } : {}), ...(codes.length > 0 ? { codes } : {}) },
      occurredAt: new Date(),
    };
  }
}

/** The gateway names its fetches `<client operation>__<subgraph>__<n>`; the audit keeps the client's name. */
function clientOperationName(name: string | undefined, service: string): string | undefined {
  if (!name) return undefined;
  return name.replace(new RegExp(`__${service}__\\d+$`), '') || undefined;
}

/** The payload's record: its first field besides userErrors, e.g. SupplierPayload.supplier. */
function payloadRecordField(info: GraphQLResolveInfo): { fieldName: string; typeName: string } | undefined {
  const payload = getNamedType(info.returnType);
  if (!isObjectType(payload)) return undefined;
  const field = Object.values(payload.getFields()).find((candidate) => candidate.name !== 'userErrors');
  return field ? { fieldName: field.name, typeName: getNamedType(field.type).name } : undefined;
}

function mutationRecordId(args: Record<string, unknown>, result: unknown, recordField: string | undefined): string | null {
  const fromArgument = stringOrNull(args.id);
  if (fromArgument) return fromArgument;
  const record = recordField ? (result as Record<string, unknown> | null)?.[recordField] : undefined;
  const fromPayload = stringOrNull((record as { id?: unknown } | null | undefined)?.id);
  if (fromPayload) return fromPayload;
  const input = args.input;
  if (!input || typeof input !== 'object') return null;
  const inputId = Object.entries(input).find(([name, value]) => name.endsWith('Id') && typeof value === 'string' && isUuid(value));
  return (inputId?.[1] as string | undefined) ?? null;
}

function codesOf(userErrors: unknown): string[] {
  if (!Array.isArray(userErrors)) return [];
  return userErrors.map((userError) => stringOrNull((userError as { code?: unknown } | null)?.code) ?? 'UNKNOWN');
}

function errorCode(error: Error): string {
  return stringOrNull((error as { extensions?: { code?: unknown } }).extensions?.code) ?? 'INTERNAL_SERVER_ERROR';
}

function outcomeOf(error: Error): AuditOutcome {
  return errorCode(error) === 'FORBIDDEN' ? 'FORBIDDEN' : 'FAILED';
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
