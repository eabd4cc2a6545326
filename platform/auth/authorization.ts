import { graphqlError } from '../graphql/errors.ts';
import type { Role } from './caller.ts';
import type { UserCaller } from './tokens.ts';

/** Whether the caller holds one of the roles; admin holds them all. */
export function holdsOneOf(caller: UserCaller, allowed: readonly Role[]): boolean {
  return caller.role === 'admin' || allowed.includes(caller.role);
}

/**
 * Refuses with FORBIDDEN unless the caller holds one of the roles (admin holds them all).
 * Enforced where the data lives, in the subgraph, so no path around the gateway skips it. Role
 * rules are declared in the schema with @requiresRole (see graphql/authorization-directive.ts);
 * call this directly only for a rule the schema cannot express.
 */
export function requireRole(caller: UserCaller, allowed: readonly Role[], what = 'This operation'): void {
  if (holdsOneOf(caller, allowed)) return;
  const roles = ['admin', ...allowed.filter((role) => role !== 'admin')];
  throw graphqlError('FORBIDDEN', `${what} needs one of the roles: ${roles.join(', ')}`);
}
