import { createRequire } from 'node:module';
import type * as OpenTelemetryApi from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import type { Environment } from '../config.ts';
import { setRecording } from './trace-context.ts';

/**
 * The API as CommonJS packages load it. `@opentelemetry/api` ships CommonJS beside ESM; the two
 * share the global registry but each has its own proxy tracer provider, and a CommonJS library
 * (Apollo Gateway) takes its tracer from its copy's proxy when it loads, before tracing starts.
 * Registering through that copy gives its proxy the provider; tracers asked for later, from
 * either copy, get the registered one.
 */
const api = createRequire(import.meta.url)('@opentelemetry/api') as typeof OpenTelemetryApi;

/** `OTEL_EXPORTER_OTLP_ENDPOINT` (unset: no tracing at all), `OTEL_SERVICE_NAME` and the sampler (by default every trace). */
export type TracingSettings = Pick<Environment, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'> &
  Partial<Pick<Environment, 'OTEL_TRACES_SAMPLER' | 'OTEL_TRACES_SAMPLER_ARG'>>;

/**
 * The sampler `OTEL_TRACES_SAMPLER` names, as the specification defines them: `@opentelemetry/sdk-trace`
 * 3 takes a sampler object only (its default is parent-based always-on) and reads no environment.
 */
function samplerFor(settings: TracingSettings): Sampler {
  const ratio = new TraceIdRatioBasedSampler(settings.OTEL_TRACES_SAMPLER_ARG ?? 1);
  const roots: Record<Environment['OTEL_TRACES_SAMPLER'], Sampler> = {
    always_on: new AlwaysOnSampler(),
    always_off: new AlwaysOffSampler(),
    traceidratio: ratio,
    parentbased_always_on: new ParentBasedSampler({ root: new AlwaysOnSampler() }),
    parentbased_always_off: new ParentBasedSampler({ root: new AlwaysOffSampler() }),
    parentbased_traceidratio: new ParentBasedSampler({ root: ratio }),
  };
  return roots[settings.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on'];
}

export interface Tracing {
  /** Exports what is still buffered and stops; resolves at once when tracing is off. */
  shutdown(): Promise<void>;
}

/**
 * Registers OpenTelemetry for this process when a collector is configured: the W3C trace-context
 * propagator, a context manager over AsyncLocalStorage, a tracer provider batching spans to the
 * collector as OTLP/HTTP JSON, and the undici instrumentation (it spans and propagates every
 * `fetch`, through diagnostics_channel, so it needs no module loader hooks under tsx, dist or
 * vitest). Without an endpoint nothing is registered: the API's no-op tracer makes every span
 * free and non-recording, and no trace id is recorded anywhere.
 */
export function startTracing(settings: TracingSettings, processName: string): Tracing {
  const endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return { shutdown: async () => {} };
  const exporter = new OTLPTraceExporter({ url: tracesUrl(endpoint) });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.OTEL_SERVICE_NAME ?? processName }),
    sampler: samplerFor(settings),
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1000 })],
  });
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  api.trace.setGlobalTracerProvider(provider);
  // Only calls made on behalf of something traced: background polls would each start a trace of their own.
  const undici = new UndiciInstrumentation({ requireParentforSpans: true });
  undici.setTracerProvider(provider);
  undici.enable();
  setRecording(true);
  return {
    async shutdown() {
      setRecording(false);
      undici.disable();
      await provider.shutdown();
      api.trace.disable();
      api.propagation.disable();
      api.context.disable();
    },
  };
}

/** The OTLP specification's rule for the all-signals endpoint: traces go to `<endpoint>/v1/traces`. */
function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
