import {
  context,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';

/**
 * W3C trace context as it travels where no HTTP header can: on an outbox row and in a job's data
 * (`traceparent`, and `tracestate` when a vendor added one).
 */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The tracer of one of our components (`gateway`, `suppliers`, `system:erp`): the instrumentation scope names the service a span belongs to. */
export function componentTracer(component: string) {
  return trace.getTracer(`procuregraph.${component}`);
}

/** The trace the running code belongs to, or null outside any recorded trace (and always when tracing is off). */
export function currentTraceId(): string | null {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext.traceId : null;
}

/** The running code's trace context, to be stored with work that continues elsewhere; null when there is none. */
export function currentTraceCarrier(): TraceCarrier | null {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : null;
}

/** The context a stored carrier describes (the root context when there is none). */
export function contextFrom(carrier: TraceCarrier | null | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier) : ROOT_CONTEXT;
}

/** The parent of work that starts a trace of its own (a feed item, a file, a scheduled run), whatever runs around it. */
export const NEW_TRACE: Context = ROOT_CONTEXT;

export interface SpanRequest {
  component: string;
  name: string;
  kind: SpanKind;
  /** Where the span hangs: a restored carrier's context, or the active one. */
  parent?: Context;
  attributes?: Record<string, string | number>;
}

/** Whether `startTracing` registered a provider: without one, spans are skipped altogether rather than made as no-ops. */
let recording = false;

export function setRecording(on: boolean): void {
  recording = on;
}

/** Runs `work` inside a new span, ended when it settles; a failure marks the span an error with its exception. */
export function inSpan<T>(request: SpanRequest, work: (span: Span) => Promise<T>): Promise<T> {
  if (!recording) return work(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  const options = { kind: request.kind, attributes: request.attributes ?? {} };
  return componentTracer(request.component).startActiveSpan(request.name, options, request.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
