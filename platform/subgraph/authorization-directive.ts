import {
  defaultFieldResolver,
  getDirectiveValues,
  isObjectType,
  type GraphQLDirective,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Role } from '../auth/caller.ts';
import { requireRole } from '../auth/authorization.ts';
import type { UserCaller } from '../auth/tokens.ts';

/**
 * Enforces `@requiresRole(anyOf: [...])` (declared in schema/shared.graphql) in a subgraph's
 * built schema: every field carrying it, and every field of an object type carrying it, gets its
 * resolver (and, for subscriptions, its `subscribe`) wrapped so a caller without one of the roles
 * gets FORBIDDEN at that path and the resolver never runs. Rules live in the schema beside the
 * field and compose into the supergraph, so the checked-in supergraph is the authorization spec.
 *
 * Entity fetches (`_entities`) resolve the same field resolvers, so a field guarded here stays
 * guarded however the gateway reaches its type. A type-level rule covers only the fields this
 * subgraph resolves: a field another subgraph contributes to the type carries its own rule there.
 *
 * A new subgraph gets this by being served with startSubgraphServer; its schema only needs the
 * directive on the fields to protect (shared.graphql declares it for every subgraph).
 */
export const ROLE_DIRECTIVE = 'requiresRole';

export function enforceRoleDirectives(schema: GraphQLSchema): GraphQLSchema {
  const directive = schema.getDirective(ROLE_DIRECTIVE);
  if (!directive) return schema;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRoles = rolesOnType(directive, type);
    for (const field of Object.values(type.getFields())) {
      const roles = rolesOn(directive, field.astNode) ?? typeRoles;
      if (roles) guardField(`${type.name}.${field.name}`, field, roles);
    }
  }
  return schema;
}

type DirectiveHolder = Parameters<typeof getDirectiveValues>[1];

function rolesOn(directive: GraphQLDirective, node: DirectiveHolder | null | undefined): readonly Role[] | undefined {
  if (!node) return undefined;
  return getDirectiveValues(directive, node)?.anyOf as Role[] | undefined;
}

/** A type's rule may sit on its definition or on one of its extensions. */
function rolesOnType(directive: GraphQLDirective, type: GraphQLObjectType): readonly Role[] | undefined {
  for (const node of [type.astNode, ...type.extensionASTNodes]) {
    const roles = rolesOn(directive, node);
    if (roles) return roles;
  }
  return undefined;
}

function guardField(coordinate: string, field: GraphQLField<unknown, unknown>, roles: readonly Role[]): void {
  field.resolve = guarded(coordinate, roles, field.resolve ?? defaultFieldResolver);
  if (field.subscribe) field.subscribe = guarded(coordinate, roles, field.subscribe);
}

function guarded(
  coordinate: string,
  roles: readonly Role[],
  resolve: GraphQLFieldResolver<unknown, unknown>,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    requireRole((context as { caller: UserCaller }).caller, roles, coordinate);
    return resolve(source, args, context, info);
  };
}
