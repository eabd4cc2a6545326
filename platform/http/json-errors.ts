import type { ErrorRequestHandler } from 'express';

/**
 * Body-parser failures (malformed JSON, a body over the size limit) answer in GraphQL's error
 * shape with a code, never Express's default HTML page or a stack trace.
 */
export const graphqlBodyErrorHandler: ErrorRequestHandler = (error, _request, response, next) => {
  if (response.headersSent) return next(error);
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const tooLarge = error?.type === 'entity.too.large';
  const message =
    status === 500
      ? 'Internal server error'
      : tooLarge
        ? `Request body is larger than the limit of ${error.limit} bytes`
        : `Request body is not valid JSON: ${error.message}`;
  const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
  response.status(status).json({ errors: [{ message, extensions: { code } }] });
};
