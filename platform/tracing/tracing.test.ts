import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceFields } from '../logging.ts';
import { contextFrom, currentTraceCarrier, currentTraceId, inSpan, SpanKind } from './trace-context.ts';
import { startTracing } from './tracing-setup.ts';

/** The span names an OTLP/HTTP receiver (a real HTTP server) was sent, by trace id. */
const received: { traceId: string; name: string; parentSpanId: string }[] = [];
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    const { resourceSpans } = JSON.parse(body) as {
      resourceSpans: { scopeSpans: { spans: { traceId: string; name: string; parentSpanId?: string }[] }[] }[];
    };
    for (const span of resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)))
      received.push({ traceId: span.traceId, name: span.name, parentSpanId: span.parentSpanId ?? '' });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

beforeAll(() => new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const span = (name: string, parent?: ReturnType<typeof contextFrom>) => ({ component: 'test', name, kind: SpanKind.INTERNAL, parent });

describe('tracing', () => {
  it('records nothing without an endpoint: no trace id, no carrier, no log field, work still runs', async () => {
    const tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_SERVICE_NAME: undefined }, 'test');
    const inside = await inSpan(span('untraced'), async () => [currentTraceId(), currentTraceCarrier(), traceFields()]);
    await tracing.shutdown();
    expect(inside).toEqual([null, null, {}]);
  });

  it('with an endpoint, names the trace in log fields, carries it as traceparent, continues it from a carrier and exports both spans', async () => {
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: undefined }, 'test');
    const first = await inSpan(span('mutation'), async (active) => ({
      traceId: currentTraceId(),
      spanId: active.spanContext().spanId,
      carrier: currentTraceCarrier(),
      log: traceFields(),
    }));
    const continued = await inSpan(span('job', contextFrom(first.carrier)), async () => currentTraceId());
    expect(traceFields()).toEqual({});
    await tracing.shutdown();

    expect(first.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(first.log).toEqual({ traceId: first.traceId });
    expect(first.carrier).toEqual({ traceparent: `00-${first.traceId}-${first.spanId}-01` });
    expect(continued).toBe(first.traceId);
    expect(received).toEqual([
      { traceId: first.traceId, name: 'mutation', parentSpanId: '' },
      { traceId: first.traceId, name: 'job', parentSpanId: first.spanId },
    ]);
  });

  /** Starts tracing with a parent-based ratio sampler, runs 20 traces of a root and a child span, and says which spans arrived. */
  async function sampledAt(ratio: number, remoteParent?: string) {
    received.length = 0;
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    const tracing = startTracing(
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_SERVICE_NAME: undefined,
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: ratio,
      },
      'test',
    );
    for (let index = 0; index < 20; index++)
      await inSpan(span(`root ${index}`, remoteParent ? contextFrom({ traceparent: remoteParent }) : undefined), () =>
        inSpan(span(`child ${index}`), async () => undefined),
      );
    await tracing.shutdown();
    return received.map((one) => one.name).sort();
  }

  it('OTEL_TRACES_SAMPLER parentbased_traceidratio: ratio 0 exports no new trace, ratio 1 every span of every trace', async () => {
    expect(await sampledAt(0)).toEqual([]);
    const all = Array.from({ length: 20 }, (_, index) => [`child ${index}`, `root ${index}`]).flat();
    expect(await sampledAt(1)).toEqual(all.sort());
  });

  it('a parent-based sampler follows the caller: a sampled traceparent is recorded even at ratio 0, an unsampled one not at ratio 1', async () => {
    expect(await sampledAt(0, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toHaveLength(40);
    expect(await sampledAt(1, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00')).toEqual([]);
  });
});
