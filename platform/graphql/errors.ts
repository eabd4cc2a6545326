import { GraphQLError } from 'graphql';

/** The `extensions.code` values a client can act on. */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'INTERNAL_SERVER_ERROR';

export function graphqlError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return graphqlError('BAD_USER_INPUT', message, argumentName ? { argumentName } : {});
}

/** A problem with a mutation's input, returned in its payload's `userErrors`. */
export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}
