import { GraphQLError, defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AuditedRequest } from './audited-request.ts';

/** The error a sensitive read gets when it cannot be recorded in the audit log. */
export const AUDIT_UNAVAILABLE = 'AUDIT_UNAVAILABLE';

// Keyed by the request's context object: resolvers get the context, and nothing else per request.
const trails = new WeakMap<object, AuditedRequest>();

/** Makes the request's audit trail the one its sensitive fields record into. */
export function attachAuditTrail(context: object, trail: AuditedRequest): void {
  trails.set(context, trail);
}

/**
 * Wraps the resolvers of the sensitive fields (`Type.field`) so each read is recorded against the
 * record's `id` in its request's trail. Fails closed: a read where no trail is attached (an
 * execution that would not write the audit log) is refused.
 * Applied after the role directives, so a refused read is recorded as FORBIDDEN.
 */
export function auditSensitiveFields(schema: GraphQLSchema, coordinates: readonly string[]): GraphQLSchema {
  for (const coordinate of coordinates) {
    const [typeName, fieldName] = coordinate.split('.');
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) && fieldName ? type.getFields()[fieldName] : undefined;
    if (!field) throw new Error(`Sensitive field ${coordinate} is not in the schema`);
    field.resolve = recorded(field.resolve ?? defaultFieldResolver);
  }
  return schema;
}

function recorded(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, object> {
  return (source, args, context, info) => {
    const trail = trails.get(context);
    if (!trail) {
      throw new GraphQLError(`${info.parentType.name}.${info.fieldName} can be read only where its reading is audited`, {
        extensions: { code: AUDIT_UNAVAILABLE },
      });
    }
    return settle(
      () => resolve(source, args, context, info),
      (error) => trail.sensitiveRead(info, source, error),
    );
  };
}

/** Runs a resolver and reports how it ended, for synchronous and asynchronous resolvers alike. */
function settle(run: () => unknown, ended: (error: Error | null) => void): unknown {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    ended(error as Error);
    throw error;
  }
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        ended(null);
        return value;
      },
      (error: unknown) => {
        ended(error as Error);
        throw error;
      },
    );
  }
  ended(null);
  return result;
}
