import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logging.ts';

/** Codes whose message is written for the client and may be shown as it is. */
const CLIENT_FACING_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'QUERY_LIMIT_EXCEEDED',
  // A sensitive read refused because its audit row could not be written (platform/audit).
  'AUDIT_UNAVAILABLE',
  // The gateway's query limits (gateway/query-limits.ts) and body size limit.
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  // The gateway's rate limit (gateway/rate-limit.ts) and safelisting (gateway/trusted-documents.ts).
  'RATE_LIMITED',
  'OPERATION_NOT_TRUSTED',
]);

/**
 * Errors are data for users and diagnostics for operators: a client sees a code and a message
 * meant for it; anything unexpected becomes INTERNAL_SERVER_ERROR with a neutral message while
 * the original, with its stack, goes to the log.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isUnstorableText(unwrapResolverError(error))) {
      return { message: UNSTORABLE_TEXT, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_FACING_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

const UNSTORABLE_TEXT = 'Text may not contain the NUL character (U+0000)';

/**
 * PostgreSQL text cannot hold U+0000: the database refuses such input with SQLSTATE 22021
 * (character_not_in_repertoire). That is the client's input at fault, not ours, so it is answered
 * as BAD_USER_INPUT; the statement failed, so nothing was written.
 */
function isUnstorableText(error: unknown): boolean {
  for (let current = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '22021') return true;
  }
  return false;
}
