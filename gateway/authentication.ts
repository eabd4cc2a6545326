import type { Request } from 'express';
import { graphqlError } from '@procuregraph/platform/graphql';
import type { UserCaller, VerificationResult } from '@procuregraph/platform/auth';

export type TokenVerifier = (token: string) => Promise<VerificationResult>;

const BEARER = /^Bearer\s+(\S+)$/i;

/** The caller of an HTTP request, or an UNAUTHENTICATED error (HTTP 401) naming what is wrong. */
export async function authenticate(authorization: string | undefined, verify: TokenVerifier): Promise<UserCaller> {
  const token = bearerToken(authorization);
  if (!token) throw unauthenticated('Missing bearer token: send "Authorization: Bearer <JWT>"');
  const result = await verify(token);
  if (!result.ok) throw unauthenticated(`Invalid token (${result.reason})`);
  return result.caller;
}

export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization ? BEARER.exec(authorization)?.[1] : undefined;
}

export const UNAUTHENTICATED = 'UNAUTHENTICATED';

function unauthenticated(message: string) {
  return graphqlError(UNAUTHENTICATED, message, { http: { status: 401 } });
}

export function authorizationHeader(request: Request): string | undefined {
  return request.header('authorization');
}
