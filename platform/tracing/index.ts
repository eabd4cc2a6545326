export { startTracing, type Tracing, type TracingSettings } from './tracing-setup.ts';
export {
  componentTracer,
  contextFrom,
  currentTraceCarrier,
  currentTraceId,
  inSpan,
  NEW_TRACE,
  SpanKind,
  type SpanRequest,
  type TraceCarrier,
} from './trace-context.ts';
export { serverSpans } from './server-spans.ts';
