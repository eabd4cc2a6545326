import type { Role } from '@procuregraph/platform/auth';
import { listAuditEvents } from '@procuregraph/platform/audit';
import type { Resolvers } from './generated/resolvers-types.ts';

/**
 * The audit log for compliance officers. Who may read it is declared on the field
 * (`@requiresRole(anyOf: [compliance])`) and enforced by the subgraph server before this runs.
 */
export const auditResolvers: Pick<Resolvers, 'AuditEvent'> & { Query: Pick<NonNullable<Resolvers['Query']>, 'auditEvents'> } = {
  Query: {
    auditEvents: (_parent, { first, after, filter }, { db }) => listAuditEvents(db, filter ?? {}, { first, after }),
  },
  AuditEvent: {
    role: (event) => event.role as Role,
    detail: (event) => ({
      operationName: event.detail.operationName ?? null,
      codes: event.detail.codes ?? [],
      note: event.detail.note ?? null,
    }),
  },
};
