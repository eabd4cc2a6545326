import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@procuregraph/platform/inbound';
import { startTracing } from '@procuregraph/platform/tracing';
import { graphql } from '../generated/gql.ts';
import { eventually, listening, settled, startTestGraph, type TestGraph } from '../harness.ts';
import { subscribe, type Subscriber } from '../subscriber.ts';
import type { TracedSupplierStatusSubscription } from '../generated/graphql.ts';

/**
 * Distributed tracing end to end: a client's W3C trace context goes through the gateway, the
 * suppliers subgraph, the outbox row, the queued job and its calls to the reference ERP (a
 * separate HTTP service), and an OTLP/HTTP receiver in the test gets that one trace; the
 * supplier's journey names it. Without an endpoint nothing is exported and journeys name no trace.
 */
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };

/** One span as OTLP/JSON carries it (ids in hex), with the service and instrumentation scope it came from. */
interface ReceivedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number>;
}

const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/** An OTLP/JSON attribute: a string, or a 64-bit integer as a string. */
interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string };
}

interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: {
      scope: { name: string };
      spans: (Omit<ReceivedSpan, 'service' | 'scope' | 'attributes'> & { attributes?: OtlpAttribute[] })[];
    }[];
  }[];
}

/** An OTLP/HTTP collector: it keeps every span posted to /v1/traces (JSON) and answers as the protocol says. */
function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[]; requests: string[] }> {
  const spans: ReceivedSpan[] = [];
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
      for (const resourceSpans of body.resourceSpans) {
        const service = resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
        for (const scopeSpans of resourceSpans.scopeSpans)
          for (const span of scopeSpans.spans)
            spans.push({
              service,
              scope: scopeSpans.scope.name,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId ?? '',
              name: span.name,
              kind: span.kind,
              attributes: Object.fromEntries(
                (span.attributes ?? []).map(({ key, value }) => [key, value.stringValue ?? Number(value.intValue)]),
              ),
            });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, requests }),
    ),
  );
}

const ONBOARD = graphql(`
  mutation TracedOnboard($input: OnboardSupplierInput!) {
    onboardSupplier(input: $input) {
      supplier {
        id
      }
      userErrors {
        code
      }
    }
  }
`);

const APPROVE = graphql(`
  mutation TracedApprove($id: ID!) {
    approveSupplier(id: $id) {
      userErrors {
        code
      }
    }
  }
`);

const JOURNEY = graphql(`
  query TracedJourney($id: ID!) {
    supplier(id: $id) {
      journey {
        steps {
          system
          action
          traceId
        }
      }
    }
  }
`);

const SUPPLIER_STATUS = graphql(`
  subscription TracedSupplierStatus($supplierId: ID) {
    supplierStatusChanged(supplierId: $supplierId) {
      status
      supplier {
        payments {
          totalCount
        }
      }
    }
  }
`);

let graph: TestGraph;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
  await new Promise((resolve) => receiver?.server.close(resolve));
});

/** A client's trace context: a new trace id and the id of the client's own span in it. */
function clientTraceContext(): { traceId: string; spanId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/** Sends an operation through the gateway as the buyer, with the client's `traceparent`. */
async function send<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  traceparent: string,
): Promise<Data> {
  const response = await fetch(graph.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.tokenFor(buyer)}`, traceparent },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data: Data; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

/**
 * Onboards and approves a supplier in one client trace (`beforeApproval` runs between the two),
 * and waits until its ERP setup and portal enrollment are done.
 */
async function onboardInOneTrace(
  legalName: string,
  taxId: string,
  traceparent: string,
  beforeApproval: (id: string) => Promise<void> = async () => {},
): Promise<string> {
  const onboarded = await send(
    ONBOARD,
    {
      input: {
        legalName,
        taxId,
        category: 'MEDICAL_SURGICAL',
        address: { line1: '1 Trace Way', city: 'Denver', region: 'CO', postalCode: '80202', country: 'US' },
        contact: { name: 'Ana Ortiz', email: 'ana.ortiz@trace.example', phone: '(303) 555-0100' },
        bankAccount: { routingNumber: '011000015', accountNumber: `0001234${taxId.slice(-5)}`, accountType: 'CHECKING' },
        insuranceCertificates: [
          { type: 'GENERAL_LIABILITY', carrier: 'Travelers', policyNumber: 'GL-7', coverageAmount: '2000000', expiresOn: '2028-06-30' },
          { type: 'WORKERS_COMPENSATION', carrier: 'Travelers', policyNumber: 'WC-7', coverageAmount: '1000000', expiresOn: '2028-06-30' },
        ],
      },
    },
    traceparent,
  );
  expect(onboarded.onboardSupplier.userErrors).toEqual([]);
  const id = onboarded.onboardSupplier.supplier!.id;
  await beforeApproval(id);
  expect((await send(APPROVE, { id }, traceparent)).approveSupplier.userErrors).toEqual([]);
  await eventually(async () => ((await stepsOf(id)).some((step) => step.action === 'supplier.portal_enrolled') ? true : undefined));
  await settled(graph.app, ['suppliers', 'procurement', 'invoicing', 'contracts']);
  return id;
}

async function stepsOf(id: string) {
  const { data, errors } = await graph.query(JOURNEY, { id }, buyer);
  expect(errors).toBeUndefined();
  return data!.supplier!.journey.steps;
}

/**
 * The spans of one trace's subscription events (`supplier.status_changed`): the subgraph's
 * resolutions, the gateway's deliveries, and invoicing's requests made within a delivery.
 */
function subscriptionEventSpans(spans: readonly ReceivedSpan[], traceId: string) {
  const trace = spans.filter((span) => span.traceId === traceId);
  const byId = new Map(trace.map((span) => [span.spanId, span]));
  const named = (scope: string, kind: number) =>
    trace.filter((span) => span.scope === scope && span.kind === kind && span.name === 'subscription event supplier.status_changed');
  const deliveries = named('procuregraph.gateway', PRODUCER);
  const underDelivery = (span: ReceivedSpan): boolean => {
    const parent = byId.get(span.parentSpanId);
    return parent !== undefined && (deliveries.includes(parent) || underDelivery(parent));
  };
  return {
    resolutions: named('procuregraph.suppliers', CONSUMER),
    deliveries,
    completions: trace.filter((span) => span.scope === 'procuregraph.invoicing' && span.name === 'POST /graphql' && underDelivery(span)),
  };
}

describe('tracing', () => {
  it('without OTEL_EXPORTER_OTLP_ENDPOINT exports nothing and records no trace id, even when the client sends one', async () => {
    const client = clientTraceContext();
    const id = await onboardInOneTrace('Untraced Surgical LLC', '47-6610001', client.traceparent);
    const steps = await stepsOf(id);
    expect(steps.some((step) => step.action === 'erp-supplier-setup')).toBe(true);
    expect(new Set(steps.map((step) => step.traceId))).toEqual(new Set([null]));
    expect(receiver.requests).toEqual([]);
  });

  // Apollo's tracer keeps the first provider it finds: its spans are exported in the first traced test only.
  it('exports one trace of an onboarding from the client through gateway, suppliers subgraph, outbox, job and ERP, named on every journey step, and continued to the subscriber of its status', async () => {
    const tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: undefined }, 'procuregraph-test');
    const client = clientTraceContext();
    let id: string;
    let statuses: (string | undefined)[];
    try {
      const listeners = graph.app.events.subscriberCount;
      let subscriber: Subscriber<TracedSupplierStatusSubscription> | undefined;
      id = await onboardInOneTrace('Traced Surgical LLC', '47-6610002', client.traceparent, async (supplierId) => {
        // Onboarding's own status changes (screened, PENDING_APPROVAL) relayed first: under load one
        // still in flight reached the subscriber, which is to see the approval's changes only.
        await settled(graph.app, ['suppliers']);
        subscriber = subscribe(graph.graphqlUrl, { authorization: `Bearer ${await graph.tokenFor(buyer)}` }, SUPPLIER_STATUS, {
          supplierId,
        });
        await listening(graph.app, listeners);
      });
      statuses = subscriber!.pending.map((result) => result.data?.supplierStatusChanged.status);
      await subscriber!.close();
      // A span ends just after the work it measures commits, so one may still be open when the work
      // looks settled: wait (spans are exported each second) until every parent but the client's is
      // in, and every status's subscription spans.
      await eventually(async () => {
        const exported = receiver.spans.filter((span) => span.traceId === client.traceId);
        const ids = new Set(exported.map((span) => span.spanId));
        const events = Object.values(subscriptionEventSpans(receiver.spans, client.traceId));
        return exported.filter((span) => !ids.has(span.parentSpanId)).length === 2 &&
          events.every((found) => found.length === statuses.length)
          ? true
          : undefined;
      }).catch(() => undefined);
    } finally {
      // Shutting down exports what is still batched.
      await tracing.shutdown();
    }
    expect(receiver.requests.every((request) => request === 'POST /v1/traces application/json')).toBe(true);
    const trace = receiver.spans.filter((span) => span.traceId === client.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId);
    const one = (scope: string, name: string, kind: number) => {
      const found = trace.filter((span) => span.scope === scope && span.name === name && span.kind === kind);
      expect(found.length, `${scope} ${name}`).toBeGreaterThan(0);
      return found;
    };

    expect(new Set(trace.map((span) => span.service))).toEqual(new Set(['procuregraph-test']));
    // The gateway continues the client's span: both mutations are children of it.
    const gatewayRequests = one('procuregraph.gateway', 'POST /graphql', SERVER);
    expect(gatewayRequests.map((span) => span.parentSpanId)).toEqual([client.spanId, client.spanId]);
    // The suppliers subgraph's request hangs under the gateway's fetch of it (Apollo's span, then undici's call).
    const approval = one('procuregraph.suppliers', 'POST /graphql', SERVER).find((span) =>
      trace.some((child) => child.parentSpanId === span.spanId && child.name === 'outbox relay supplier.approved'),
    )!;
    const subgraphCall = parentOf(approval)!;
    expect([subgraphCall.scope, subgraphCall.kind, subgraphCall.name]).toEqual(['@opentelemetry/instrumentation-undici', CLIENT, 'POST']);
    expect(parentOf(subgraphCall)!.name).toBe('gateway.fetch');
    // The outbox row carried the context to the relay, the relay's producer span to the job.
    const relay = one('procuregraph.suppliers', 'outbox relay supplier.approved', PRODUCER);
    expect(relay.map((span) => parentOf(span)!.spanId)).toEqual([approval.spanId]);
    const setup = one('procuregraph.suppliers', 'job suppliers.erp-supplier-setup', CONSUMER);
    expect(setup.map((span) => parentOf(span)!.name)).toEqual(['outbox relay supplier.approved']);
    // The job's calls reach the reference ERP, which answers in the same trace.
    const erpServer = one('procuregraph.system:erp', 'POST /fscmRestApi/resources/11.13.18.05/suppliers', SERVER);
    const erpCall = parentOf(erpServer[0]!)!;
    expect([erpCall.scope, erpCall.kind, parentOf(erpCall)!.spanId]).toEqual([
      '@opentelemetry/instrumentation-undici',
      CLIENT,
      setup[0]!.spanId,
    ]);
    expect(
      one('procuregraph.system:erp', 'POST /fscmRestApi/resources/11.13.18.05/suppliers/:SupplierId/child/addresses', SERVER).length,
    ).toBe(1);
    // Every span but the gateway's first ones has its parent in the trace: nothing was cut off at the queue.
    expect(trace.filter((span) => !byId.has(span.parentSpanId)).map((span) => span.parentSpanId)).toEqual([client.spanId, client.spanId]);

    // SQL: a client span per statement under the span that ran it, the subgraph's request and the job's attempt alike.
    const sql = trace.filter((span) => span.scope === 'procuregraph.sql');
    const namespace = graph.app.client.kind === 'postgres' ? new URL(graph.app.client.url).pathname.slice(1) : 'postgres';
    for (const span of sql) {
      const operation = /^\s*([a-z]+)/i.exec(String(span.attributes['db.query.text']))![1]!.toUpperCase();
      expect([
        span.kind,
        span.name,
        span.attributes['db.system.name'],
        span.attributes['db.namespace'],
        span.attributes['db.operation.name'],
      ]).toEqual([CLIENT, `${operation} ${namespace}`, 'postgresql', namespace, operation]);
    }
    const statementsUnder = (parent: ReceivedSpan) =>
      sql.filter((span) => span.parentSpanId === parent.spanId).map((span) => String(span.attributes['db.query.text']));
    expect(statementsUnder(approval).some((text) => text.startsWith('update "suppliers"."suppliers" set'))).toBe(true);
    expect(statementsUnder(setup[0]!).some((text) => text.startsWith('select') && text.includes('"suppliers"."suppliers"'))).toBe(true);
    // The job's end (its attempt's steps, its completion, its sync state) is announced in one
    // statement: the steps' JOURNEYS notice and the SYNC_JOBS one together.
    const attemptStatements = statementsUnder(setup[0]!);
    const jobEnd = attemptStatements.slice(
      attemptStatements.findLastIndex((text) => text.startsWith('insert into "platform"."journey_steps"')),
    );
    expect(jobEnd.filter((text) => text.includes('pg_notify'))).toEqual([
      'SELECT pg_notify($1, message) FROM (VALUES ($2::text), ($3::text)) AS notices (message)',
    ]);
    // Parameters are never part of a span: the statements name placeholders, not the supplier's values.
    expect(sql.filter((span) => /Traced Surgical|47-6610002/.test(String(span.attributes['db.query.text'])))).toEqual([]);

    const steps = await stepsOf(id);
    expect(steps.filter((step) => step.traceId !== client.traceId)).toEqual([]);
    expect(steps.length).toBeGreaterThan(10);

    // Subscription events continue the trace. Approval and ERP setup each changed the supplier's
    // status, and each change reached the subscriber: the suppliers subgraph resolved it under the
    // work that committed it (the approval's request, the job's attempt), the gateway delivered it
    // under that resolution to one subscriber, completing it from invoicing (the supplier's payments).
    expect(statuses).toEqual(['APPROVED', 'ACTIVE']);
    const { resolutions, deliveries, completions } = subscriptionEventSpans(receiver.spans, client.traceId);
    expect(resolutions.map((span) => parentOf(span)?.name)).toEqual(['POST /graphql', 'job suppliers.erp-supplier-setup']);
    expect(deliveries.map((span) => [parentOf(span), span.attributes['procuregraph.subscribers']])).toEqual(
      resolutions.map((span) => [span, 1]),
    );
    expect(completions).toHaveLength(2);
    // Each delivery is a step of the supplier's journey, in the same trace.
    const delivered = await eventually(async () => {
      const found = (await stepsOf(id)).filter((step) => step.action.startsWith('subscribers notified: '));
      return found.length === 2 ? found : undefined;
    });
    expect(delivered).toEqual([1, 2].map(() => ({ system: 'PROCUREGRAPH', action: 'subscribers notified: 1', traceId: client.traceId })));
  });

  it("gives inbound work a trace: a feed item and a dropped file start their own, a webhook continues its sender's", async () => {
    const platformUrl = graph.app.systems.vendorPlatformUrl;
    const postToPlatform = (path: string, body: unknown) =>
      fetch(`${platformUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(body),
      });
    // The platform's own deliveries fail, so its registration arrives from the feed.
    expect((await postToPlatform('/admin/webhook-target', { url: 'http://127.0.0.1:9/webhooks/vendor-platform' })).status).toBe(200);
    receiver.spans.length = 0;
    const tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: undefined }, 'procuregraph-test');
    const client = clientTraceContext();
    let event: { id: string; type: string; createdAt: string; data: { registration?: { id: string } } };
    let supplierId: string;
    try {
      const registered = await postToPlatform('/api/v1/registrations', {
        legalName: 'Feed Traced Infusion LLC',
        dbaName: null,
        tin: '38-5556101',
        taxClassification: 'llc',
        address: { street1: '9 Main St', street2: null, city: 'Houston', state: 'TX', zip: '77002', country: 'US' },
        contact: { fullName: 'Ana Ruiz', email: 'ana.ruiz@example.org', phone: null },
        bank: { routingNumber: '072000326', accountNumber: '5544332291', accountType: 'checking' },
        insurance: [
          {
            kind: 'general_liability',
            insurer: 'Chubb',
            policyNumber: 'GL-591',
            coverageLimit: { value: '2000000.00', currency: 'USD' },
            expirationDate: '2030-09-30',
          },
        ],
      });
      const registrationId = ((await registered.json()) as { id: string }).id;
      supplierId = await eventually(async () => {
        const { data } = await graph.query<{ suppliers: { nodes: { id: string }[] } }>(
          'query { suppliers(first: 1, filter: { search: "Feed Traced Infusion" }) { nodes { id } } }',
        );
        return data?.suppliers.nodes[0]?.id;
      });
      const events = (await (await fetch(`${platformUrl}/api/v1/events?limit=200`)).json()) as { data: (typeof event)[] };
      event = events.data.find(
        (candidate) => candidate.type === 'registration.submitted' && candidate.data.registration?.id === registrationId,
      )!;

      // The same event delivered again to the gateway's webhook, by a sender in a trace of its own.
      const rawBody = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data });
      const timestamp = Math.floor(Date.now() / 1000);
      const delivered = await fetch(`${graph.app.gateway.url}/webhooks/vendor-platform`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': event.id,
          traceparent: client.traceparent,
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(graph.app.systems.vendorPlatformWebhookSecret, timestamp, rawBody),
        },
        body: rawBody,
      });
      expect({ status: delivered.status, body: (await delivered.json()) as unknown }).toEqual({
        status: 200,
        body: { outcome: 'DUPLICATE' },
      });

      // A file dropped in the EDI inbox (not an interchange: it is rejected, in a trace of its own all the same).
      const folder = (name: string) => join(graph.dataDir, 'edi', name);
      await mkdir(folder('inbox'), { recursive: true });
      await writeFile(join(folder('inbox'), 'traced.edi'), 'not an interchange');
      await eventually(async () =>
        (await readdir(folder('rejected')).catch(() => [])).some((name) => name.endsWith('-traced.edi')) ? true : undefined,
      );
    } finally {
      await tracing.shutdown();
    }
    const traceOf = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);

    // The feed item: a root consumer span, under which the supplier was onboarded and its events relayed.
    const feedItems = receiver.spans.filter(
      (span) => span.name === 'feed item vendor-platform' && span.attributes['messaging.message.id'] === event.id,
    );
    const onboarding = feedItems.find((item) =>
      traceOf(item.traceId).some((span) =>
        String(span.attributes['db.query.text'] ?? '').startsWith('insert into "suppliers"."suppliers"'),
      ),
    )!;
    expect([onboarding.scope, onboarding.kind, onboarding.parentSpanId, onboarding.attributes['messaging.system']]).toEqual([
      'procuregraph.feed',
      CONSUMER,
      '',
      'vendor-platform',
    ]);
    expect(traceOf(onboarding.traceId).some((span) => span.name.startsWith('outbox relay ') && span.kind === PRODUCER)).toBe(true);
    const steps = await stepsOf(supplierId);
    expect(steps.filter((step) => step.action.startsWith('registration received'))).toEqual([
      { system: 'VENDOR_PLATFORM', action: 'registration received (feed)', traceId: onboarding.traceId },
    ]);

    // The webhook: the gateway continues the sender's trace, the suppliers subgraph takes the delivery under it.
    const webhook = traceOf(client.traceId);
    const gatewaySpan = webhook.find((span) => span.scope === 'procuregraph.gateway')!;
    expect([gatewaySpan.name, gatewaySpan.kind, gatewaySpan.parentSpanId]).toEqual(['POST /webhooks/:system', SERVER, client.spanId]);
    const suppliersSpan = webhook.find((span) => span.scope === 'procuregraph.suppliers' && span.kind === SERVER)!;
    expect(suppliersSpan.name).toBe('POST /webhooks/:system');
    const forward = webhook.find((span) => span.spanId === suppliersSpan.parentSpanId)!;
    expect([forward.scope, forward.kind, forward.parentSpanId]).toEqual([
      '@opentelemetry/instrumentation-undici',
      CLIENT,
      gatewaySpan.spanId,
    ]);
    expect(webhook.some((span) => span.scope === 'procuregraph.sql' && span.parentSpanId === suppliersSpan.spanId)).toBe(true);

    // The dropped file: a root consumer span of its own trace, named by the file.
    const file = receiver.spans.filter((span) => span.name === 'EDI file received');
    expect(file.map((span) => [span.scope, span.kind, span.parentSpanId, span.attributes['file.name']])).toEqual([
      ['procuregraph.invoicing', CONSUMER, '', 'traced.edi'],
    ]);
  });
});
