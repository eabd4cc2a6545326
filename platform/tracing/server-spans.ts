import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Request, RequestHandler, Response } from 'express';
import { componentTracer } from './trace-context.ts';

/** `POST /suppliers/:id`: the route that matched, never the ids in the path (span names are grouped by it). */
function routeName(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${request.method} ${request.baseUrl}${route}` : `${request.method} ${request.baseUrl}`;
}

function endSpanWith(request: Request, response: Response, span: Span): void {
  span.updateName(routeName(request));
  span.setAttribute('http.response.status_code', response.statusCode);
  const operationName = (request.body as { operationName?: unknown } | undefined)?.operationName;
  if (typeof operationName === 'string') span.setAttribute('graphql.operation.name', operationName);
  if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * A server span for each request of one of our HTTP services, continuing the caller's trace
 * (incoming `traceparent`); the request and response emitters are bound to it, so the body
 * parser's callbacks and everything after them run inside the span. Our own middleware rather
 * than the http instrumentation, which would have to patch `node:http` through module loader
 * hooks before Express loads it (see README, Traces).
 */
export function serverSpans(component: string): RequestHandler {
  return (request, response, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    // Asked per request: a tracer taken before tracing started would stay a no-op.
    const span = componentTracer(component).startSpan(
      `${request.method} ${request.baseUrl}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.originalUrl.split('?')[0] ?? '' } },
      parent,
    );
    const active = trace.setSpan(parent, span);
    response.once('close', () => endSpanWith(request, response, span));
    context.bind(active, request);
    context.bind(active, response);
    context.with(active, next);
  };
}
