import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';

export interface SubscriptionOperation {
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
}

/** What the server limits beyond the schema's own rules (the gateway's query limits). */
export interface OperationLimits {
  readonly parseOptions?: ParseOptions;
  readonly validationRules?: readonly ValidationRule[];
}

// The original stays reachable, as in Apollo Server's errors, for whoever relabels it.
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error,
    extensions: { ...error.extensions, code },
  });
}

/**
 * Checks a subscribe message as Apollo Server checks an HTTP request, with the same error codes:
 * it parses, validates against the schema, and coerces its variables. WebSocket carries
 * subscriptions only; queries and mutations go over HTTP, where every request passes the same
 * plugins (metrics, limits).
 */
export function checkSubscription(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  limits: OperationLimits = {},
): SubscriptionOperation | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, limits.parseOptions);
  } catch (error) {
    if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
    throw error;
  }
  const validationErrors = validate(schema, document, [...specifiedRules, ...(limits.validationRules ?? [])]);
  if (validationErrors.length > 0) return validationErrors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  const operationName = payload.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation)
    return [
      new GraphQLError('Unable to identify the operation to run: name it with operationName', { extensions: { code: 'BAD_REQUEST' } }),
    ];
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    return [
      new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', {
        extensions: { code: 'BAD_REQUEST' },
      }),
    ];
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
  if (coerced.errors) return coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
  return { document, operationName, variables: payload.variables ?? {} };
}
