import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { UserCaller } from '../auth/tokens.ts';
import { AuditedRequest } from './audited-request.ts';
import { auditUnavailable, writeTrail, type AuditWriting } from './audit-writing.ts';
import { attachAuditTrail } from './sensitive-fields.ts';

/**
 * Records every root mutation field a subgraph executes over HTTP, and every read of its
 * sensitive fields (wrapped by auditSensitiveFields, which records into the trail attached here),
 * in one INSERT per request just before the response is sent. Only names, ids and error codes
 * are recorded, never argument values: inputs carry tax ids and bank account numbers.
 */
export function auditPlugin(writing: AuditWriting): ApolloServerPlugin<{ caller: UserCaller }> {
  return {
    async requestDidStart({ contextValue, request }): Promise<GraphQLRequestListener<{ caller: UserCaller }>> {
      const trail = new AuditedRequest(writing.service, contextValue.caller, request.operationName);
      attachAuditTrail(contextValue, trail);
      return {
        // Only a mutation's root fields are recorded here; a query adding no field hook spares
        // Apollo Server from calling plugins around every field it resolves.
        async executionDidStart({ operation }) {
          if (operation.operation !== 'mutation') return undefined;
          return {
            willResolveField({ args, info }) {
              if (info.path.prev !== undefined || info.parentType !== info.schema.getMutationType()) return undefined;
              return (error, result) => trail.mutation(info, args, error, result);
            },
          };
        },
        async willSendResponse({ response }) {
          if (!(await writeTrail(writing, trail)) && response.body.kind === 'single') {
            response.body.singleResult = { errors: [auditUnavailable().toJSON()] };
          }
        },
      };
    },
  };
}
