import { graphqlError } from '../graphql/errors.ts';
import type { Role } from './caller.ts';
import type { UserCaller } from './tokens.ts';

/**
 * Refuses with FORBIDDEN unless the caller holds one of the roles (admin holds them all).
 * Enforced where the data lives, in the subgraph, so no path around the gateway skips it.
 */
export function requireRole(caller: UserCaller, allowed: readonly Role[]): void {
  if (caller.role === 'admin' || allowed.includes(caller.role)) return;
  throw graphqlError('FORBIDDEN', `This operation needs one of the roles: ${['admin', ...allowed].join(', ')}`);
}
