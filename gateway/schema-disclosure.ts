import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode, type GraphQLError } from 'graphql';
import { graphqlError } from '@procuregraph/platform/graphql';
import type { UserCaller } from '@procuregraph/platform/auth';

/** Who may read the schema by introspection (`INTROSPECTION`): everyone, or only admins. */
export type IntrospectionPolicy = 'all' | 'admin';

export function maySeeSchema(policy: IntrospectionPolicy, caller: UserCaller | undefined): boolean {
  return policy === 'all' || caller?.role === 'admin';
}

/** Whether the operation reads the schema (`__schema`, `__type`); `__typename` is ordinary data. */
export function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * graphql-js's "Did you mean …?" hints name fields and types, which tells a caller who may not
 * introspect what the schema holds; their errors keep the rest of the message.
 */
export function hideFieldSuggestions(errors: readonly GraphQLError[]): void {
  for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
}

/**
 * Applies the introspection policy over HTTP: the gateway answers introspection itself from the
 * supergraph, so the caller is checked here, once the operation is known. Subscriptions cannot
 * introspect (their root has only subscription fields).
 */
export function schemaDisclosurePlugin(policy: IntrospectionPolicy): ApolloServerPlugin<{ caller?: UserCaller }> {
  return {
    async requestDidStart({ contextValue }) {
      if (maySeeSchema(policy, contextValue.caller)) return;
      return {
        async didResolveOperation({ document }) {
          if (introspects(document))
            throw graphqlError('FORBIDDEN', 'Introspection is only allowed for the admin role', { http: { status: 403 } });
        },
        async didEncounterErrors({ errors }) {
          hideFieldSuggestions(errors);
        },
      };
    },
  };
}
