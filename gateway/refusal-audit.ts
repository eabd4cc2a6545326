import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { AuditLog } from '@procuregraph/platform/audit';
import type { UserCaller } from '@procuregraph/platform/auth';
import type { Logger } from '@procuregraph/platform/logging';
import { describeError } from '@procuregraph/platform/resilience';
import { queryLimitCode } from './query-limits.ts';
import { NODE_LIMIT_CODE } from './node-count.ts';

/** The actor of a refusal whose caller is unknown: no token, or one that did not verify. */
export const ANONYMOUS = 'anonymous';

/** One operation the gateway refused before any subgraph saw it. */
export interface Refusal {
  /** Unknown when the token was missing or invalid. */
  readonly caller: UserCaller | undefined;
  readonly clientAddress: string | undefined;
  readonly code: string;
  readonly operationName: string | undefined;
}

/**
 * Writes refusals to the audit log (kind REFUSED) so an operator sees who was turned away, from
 * where and why. The refusal's answer does not wait for the row: a flood of refused requests must
 * not hold connections open on the database, and a failed write is logged, not answered.
 */
export class RefusalAudit {
  constructor(
    private readonly log: AuditLog | undefined,
    private readonly logger: Logger,
  ) {}

  record(refusal: Refusal): void {
    if (!this.log) return;
    const { caller } = refusal;
    this.log
      .append([
        {
          actor: caller?.subject ?? ANONYMOUS,
          role: caller?.role ?? ANONYMOUS,
          supplierId: caller?.kind === 'supplier' ? caller.supplierId : null,
          service: 'gateway',
          kind: 'REFUSED',
          operation: refusal.operationName ?? 'anonymous operation',
          recordType: null,
          recordId: null,
          clientAddress: refusal.clientAddress ?? null,
          outcome: 'FAILED',
          detail: { ...(refusal.operationName ? { operationName: refusal.operationName } : {}), codes: [refusal.code] },
        },
      ])
      .catch((error: unknown) =>
        this.logger.error({ error: describeError(error), code: refusal.code }, 'could not write a refusal to the audit log'),
      );
  }

  /** Records an operation refused for a query limit, if one of `errors` says so; other errors are no refusal. */
  recordLimitErrors(errors: readonly GraphQLError[], refused: Omit<Refusal, 'code'>): void {
    const code = errors.map(refusalCode).find((found) => found !== undefined);
    if (code) this.record({ ...refused, code });
  }

  /** Records each operation Apollo Server refuses for a query limit (the other refusals record themselves). */
  plugin<Context extends { caller: UserCaller; clientAddress?: string | undefined }>(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => ({
        didEncounterErrors: async ({ errors, contextValue, request, operationName }) =>
          this.recordLimitErrors(errors, {
            caller: contextValue.caller,
            clientAddress: contextValue.clientAddress,
            operationName: operationName ?? request.operationName ?? undefined,
          }),
      }),
    };
  }
}

function refusalCode(error: GraphQLError): string | undefined {
  return error.extensions.code === NODE_LIMIT_CODE ? NODE_LIMIT_CODE : queryLimitCode(error);
}
