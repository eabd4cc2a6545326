import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '@procuregraph/platform/logging';

/** A failure the caller should see as-is: its status, a stable code and a readable message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * How one system writes its errors on the wire. Each reference system has its own shape
 * (Fusion's `o:errorDetails`, RFC 9457 problem details, a plain `{error}` object), because
 * the connectors must learn each of them.
 */
export interface ErrorShape {
  contentType: string;
  body(error: HttpError): unknown;
  /** The code used for request bodies and parameters the system cannot read. */
  invalidInputCode: string;
  notFoundCode: string;
  internalCode: string;
  unavailableCode: string;
}

export function sendError(response: Response, shape: ErrorShape, error: HttpError): void {
  response
    .status(error.status)
    .type(shape.contentType)
    .send(JSON.stringify(shape.body(error)));
}

export function notFoundHandler(shape: ErrorShape): RequestHandler {
  return (request, response) => {
    sendError(response, shape, new HttpError(404, shape.notFoundCode, `No resource at ${request.method} ${request.path}.`));
  };
}

interface BodyParserFailure {
  type: string;
  status: number;
}

function isBodyParserFailure(error: unknown): error is BodyParserFailure {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error && typeof error.status === 'number';
}

/** Turns anything thrown into the system's error shape; bad input is never answered with a 500 or a stack. */
export function errorHandler(shape: ErrorShape, logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, _next) => {
    if (error instanceof HttpError) return sendError(response, shape, error);
    if (isBodyParserFailure(error) && error.status < 500) {
      const message =
        error.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : `The request body was refused (${error.type}).`;
      return sendError(response, shape, new HttpError(error.status, shape.invalidInputCode, message));
    }
    logger.error({ err: error, method: request.method, path: request.path }, 'request failed');
    sendError(response, shape, new HttpError(500, shape.internalCode, 'An internal error occurred.'));
  };
}
