import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { UserCaller } from '@procuregraph/platform/auth';
import { authenticate, authorizationHeader, type TokenVerifier } from './authentication.ts';
import { clientAddressOf } from './client-address.ts';
import type { GatewayRateLimiter } from './rate-limit.ts';
import type { RefusalAudit } from './refusal-audit.ts';

export interface Admitted {
  readonly caller: UserCaller;
  readonly clientAddress: string | undefined;
}

/**
 * Admits an HTTP request, or throws the GraphQL error it is refused with (recorded in the audit
 * log). The address is counted before the token is verified, so a flood of bad tokens is limited
 * too; the caller is counted once it is known.
 */
export function admission(
  verifyToken: TokenVerifier,
  rateLimiter: GatewayRateLimiter,
  refusals: RefusalAudit,
): (request: Request) => Promise<Admitted> {
  return async (request) => {
    const clientAddress = clientAddressOf(request);
    let caller: UserCaller | undefined;
    try {
      await rateLimiter.consumeAddress(clientAddress);
      caller = await authenticate(authorizationHeader(request), verifyToken);
      await rateLimiter.consumeCaller(caller.subject);
      return { caller, clientAddress };
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions.code : undefined;
      if (typeof code === 'string') refusals.record({ caller, clientAddress, code, operationName: operationNameOf(request) });
      throw error;
    }
  };
}

/** The operation name a client gave, before Apollo Server has parsed the request. */
function operationNameOf(request: Request): string | undefined {
  const name: unknown =
    request.method === 'GET' ? request.query.operationName : (request.body as { operationName?: unknown } | undefined)?.operationName;
  return typeof name === 'string' && name ? name : undefined;
}
