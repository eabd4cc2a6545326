import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { createAuditLog } from '@procuregraph/platform/audit';
import type { UserCaller } from '@procuregraph/platform/auth';
import { createServiceDatabase } from '@procuregraph/platform/db';
import { type GatewayOptions, type RunningGateway, documentHash, loadTrustedDocuments } from '@procuregraph/gateway';
import { anotherGateway, eventually, startTestGraph, type TestGraph } from '../harness.ts';
import { subscribe } from '../subscriber.ts';

/**
 * The gateway's guard rails over real HTTP: rate limits per caller and per address, safelisting
 * and automatic persisted queries, and the audit rows of what it refuses. Extra gateways run in
 * front of one test graph's subgraphs, as further instances of a deployment would.
 */
const flooder: UserCaller = { kind: 'staff', subject: 'flooding-script@network.example', role: 'finance' };
const neighbour: UserCaller = { kind: 'staff', subject: 'ap-clerk@network.example', role: 'finance' };
const compliance: UserCaller = { kind: 'staff', subject: 'guard-officer@network.example', role: 'compliance' };
const partnerApp: UserCaller = { kind: 'staff', subject: 'partner-app@network.example', role: 'procurement' };

const NAMES = 'query SupplierNames { suppliers(first: 2) { nodes { legalName } } }';
const COUNT = 'query SupplierCount { suppliers(first: 1) { totalCount } }';

let graph: TestGraph;
let manifestDir: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  graph = await startTestGraph();
  manifestDir = await mkdtemp(join(tmpdir(), 'procuregraph-manifest-'));
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await graph?.close();
  if (manifestDir) await rm(manifestDir, { recursive: true, force: true });
});

/** Another gateway in front of the test graph's subgraphs, with its own guard rails. */
async function extraGateway(options: Partial<GatewayOptions>): Promise<RunningGateway> {
  const gateway = await anotherGateway(graph, { audit: createAuditLog(graph.app.client), ...options });
  gateways.push(gateway);
  return gateway;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  /** The only data these tests read: the suppliers page an allowed request answers. */
  body: {
    data?: { suppliers: { totalCount: number; nodes: unknown[] } } | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

async function post(gateway: RunningGateway, body: Record<string, unknown>, authorization: string | undefined): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(gateway.graphqlUrl, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Answer['body'] };
}

async function bearer(caller: UserCaller): Promise<string> {
  return `Bearer ${await graph.tokenFor(caller)}`;
}

/** The REFUSED audit rows of one actor, once `count` of them are written (the gateway writes them after answering). */
async function refusalsOf(actor: string, count: number) {
  return eventually(async () => {
    const answer = await graph.query(
      graphql(`
        query Refusals($filter: AuditEventFilter) {
          auditEvents(first: 20, filter: $filter) {
            nodes {
              actor
              role
              service
              kind
              operation
              clientAddress
              outcome
              detail {
                operationName
                codes
              }
            }
          }
        }
      `),
      { filter: { actor, kind: 'REFUSED' } },
      compliance,
    );
    const nodes = answer.data?.auditEvents.nodes as unknown[] | undefined;
    return nodes && nodes.length >= count ? nodes : undefined;
  }, 10_000);
}

describe('rate limits', () => {
  it('answer a caller over its rate with 429 RATE_LIMITED and Retry-After while another caller goes on, counted across instances', async () => {
    const shared = {
      rateLimits: { perCaller: 5, perAddress: 9, windowSeconds: 60 },
      rateLimitDatabase: createServiceDatabase(graph.app.client, 'platform', 'gateway').db,
    };
    const [first, second] = [await extraGateway(shared), await extraGateway(shared)];
    const flood = await bearer(flooder);

    const floodAnswers: Answer[] = [];
    for (const gateway of [first, second, first, second, first, second, first])
      floodAnswers.push(await post(gateway, { query: COUNT, operationName: 'SupplierCount' }, flood));
    const neighbourAnswer = await post(second, { query: COUNT }, await bearer(neighbour));

    expect(floodAnswers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = floodAnswers[5] as Answer;
    const retryAfter = Number(refused.retryAfter);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      errors: [
        {
          message: `Too many requests from this caller; retry after ${retryAfter} s`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ],
    });
    expect(neighbourAnswer.status).toBe(200);
    expect(neighbourAnswer.body.data?.suppliers.totalCount).toBeGreaterThan(0);

    // Eight requests from 127.0.0.1 so far; the ninth is the address's last, then it is refused whoever asks.
    expect((await post(first, { query: COUNT }, await bearer(neighbour))).status).toBe(200);
    const overAddress = await post(first, { query: COUNT }, await bearer(compliance));
    expect(overAddress.status).toBe(429);
    expect(overAddress.body.errors?.[0]?.message).toMatch(/^Too many requests from this address; retry after \d+ s$/);

    expect(await refusalsOf(flooder.subject, 2)).toEqual(
      Array.from({ length: 2 }, () => ({
        actor: flooder.subject,
        role: 'finance',
        service: 'gateway',
        kind: 'REFUSED',
        operation: 'SupplierCount',
        clientAddress: '127.0.0.1',
        outcome: 'FAILED',
        detail: { operationName: 'SupplierCount', codes: ['RATE_LIMITED'] },
      })),
    );
  });
});

describe('refusals in the audit log', () => {
  it('record a bad token as anonymous and a query over the node limit with its caller', async () => {
    const badToken = await post(await extraGateway({}), { query: NAMES, operationName: 'SupplierNames' }, 'Bearer not-a-token');
    expect(badToken.status).toBe(401);
    const wide = await graph.query(
      'query Wide { suppliers(first: 200) { nodes { purchaseOrders(first: 200) { nodes { invoices(first: 200) { nodes { id } } } } } } }',
      {},
      neighbour,
    );
    expect(wide.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');

    const anonymous = (await refusalsOf('anonymous', 1)) as { detail: { codes: string[] } }[];
    expect(anonymous.find((row) => row.detail.codes[0] === 'UNAUTHENTICATED')).toEqual({
      actor: 'anonymous',
      role: 'anonymous',
      service: 'gateway',
      kind: 'REFUSED',
      operation: 'SupplierNames',
      clientAddress: '127.0.0.1',
      outcome: 'FAILED',
      detail: { operationName: 'SupplierNames', codes: ['UNAUTHENTICATED'] },
    });
    expect(await refusalsOf(neighbour.subject, 1)).toContainEqual({
      actor: neighbour.subject,
      role: 'finance',
      service: 'gateway',
      kind: 'REFUSED',
      operation: 'Wide',
      clientAddress: '127.0.0.1',
      outcome: 'FAILED',
      detail: { operationName: 'Wide', codes: ['QUERY_TOO_COMPLEX'] },
    });
  });
});

describe('over WebSocket', () => {
  const subscriber: UserCaller = { kind: 'staff', subject: 'live-dashboard@network.example', role: 'procurement' };
  const STATUS = 'subscription { supplierStatusChanged { status } }';

  it('count each subscribe against the same rate as HTTP requests, and refuse one over it with RATE_LIMITED', async () => {
    const gateway = await extraGateway({ rateLimits: { perCaller: 2, perAddress: 100, windowSeconds: 60 } });
    const token = await bearer(subscriber);
    const live = subscribe(gateway.graphqlUrl, { authorization: token }, STATUS);
    await eventually(async () => (gateway.subscriptions().subscribers === 1 ? true : undefined), 10_000);
    expect((await post(gateway, { query: COUNT }, token)).status).toBe(200);

    const overRate = subscribe(gateway.graphqlUrl, { authorization: token }, STATUS);
    const ending = (await overRate.ended) as { kind: string; error: { message: string; extensions: { retryAfterSeconds: number } }[] };
    await overRate.close();
    const retryAfter = ending.error[0]!.extensions.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(ending).toEqual({
      kind: 'error',
      error: [
        {
          message: `Too many requests from this caller; retry after ${retryAfter} s`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ],
    });
    // Over HTTP the caller is over its rate too: one count, whichever the transport.
    expect((await post(gateway, { query: COUNT }, token)).status).toBe(429);
    expect(live.pending).toEqual([]);
    await live.close();
  });

  it('write every refused operation to the audit log, as over HTTP: a bad token, a limit, a rate limit, an untrusted document', async () => {
    const gateway = await extraGateway({});
    const badToken = subscribe(gateway.graphqlUrl, { authorization: 'Bearer not-a-token' }, STATUS);
    const closed = (await badToken.ended) as { kind: string; error: { code: number } };
    await badToken.close();
    expect([closed.kind, closed.error.code]).toEqual(['error', 4401]);
    const wide = subscribe(
      gateway.graphqlUrl,
      { authorization: await bearer(subscriber) },
      'subscription WideLive { supplierStatusChanged { supplier { purchaseOrders(first: 1000) { nodes { invoices(first: 1000) { nodes { id } } } } } } }',
    );
    const refused = (await wide.ended) as { error: { extensions: { code: string } }[] };
    await wide.close();
    expect(refused.error[0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    const manifestPath = join(manifestDir, 'count-only.json');
    const operations = [{ id: documentHash(COUNT), name: 'SupplierCount', type: 'query', body: COUNT }];
    await writeFile(manifestPath, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }));
    const safelisting = await extraGateway({ trustedDocuments: loadTrustedDocuments(manifestPath) });
    const untrusted = subscribe(safelisting.graphqlUrl, { authorization: await bearer(subscriber) }, STATUS);
    const untrustedEnding = (await untrusted.ended) as { error: { extensions: { code: string } }[] };
    await untrusted.close();
    expect(untrustedEnding.error[0]!.extensions.code).toBe('OPERATION_NOT_TRUSTED');

    const refusal = (actor: string, role: string, code: string) => ({
      actor,
      role,
      service: 'gateway',
      kind: 'REFUSED',
      operation: 'anonymous operation',
      clientAddress: '127.0.0.1',
      outcome: 'FAILED',
      detail: { operationName: null, codes: [code] },
    });
    expect(await refusalsOf('anonymous', 1)).toContainEqual(refusal('anonymous', 'anonymous', 'UNAUTHENTICATED'));
    // The subscribe over its rate and, after it, the HTTP request over it (the first test), then this test's two.
    const ofSubscriber = (await refusalsOf(subscriber.subject, 4)) as { detail: { codes: string[] } }[];
    const codes = ofSubscriber.map((row) => row.detail.codes[0]!).sort();
    expect(codes).toEqual(['OPERATION_NOT_TRUSTED', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(ofSubscriber).toEqual(expect.arrayContaining(codes.map((code) => refusal(subscriber.subject, 'procurement', code))));
  });
});

describe('trusted documents', () => {
  const persisted = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: documentHash(query) } });

  it('with safelisting on, run a registered operation by hash or text and refuse any other with a code', async () => {
    const manifestPath = join(manifestDir, 'manifest.json');
    const manifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: documentHash(NAMES), name: 'SupplierNames', type: 'query', body: NAMES }],
    };
    await writeFile(manifestPath, JSON.stringify(manifest));
    const safelisting = await extraGateway({ trustedDocuments: loadTrustedDocuments(manifestPath) });
    const token = await bearer(partnerApp);

    const byHash = await post(safelisting, { extensions: persisted(NAMES) }, token);
    const byText = await post(safelisting, { query: NAMES }, token);
    const untrusted = await post(safelisting, { query: COUNT, operationName: 'SupplierCount' }, token);
    const unknownHash = await post(safelisting, { extensions: persisted(COUNT) }, token);

    expect(byHash.status).toBe(200);
    expect(byHash.body.data?.suppliers.nodes).toHaveLength(2);
    expect(byText.body).toEqual(byHash.body);
    expect(untrusted).toEqual({
      status: 400,
      retryAfter: null,
      body: {
        errors: [
          {
            message: 'This gateway runs only registered operations, and this is not one of them',
            extensions: { code: 'OPERATION_NOT_TRUSTED' },
          },
        ],
      },
    });
    // As for any hash the gateway does not know: the client may send the text, which is then refused.
    expect(unknownHash).toEqual({
      status: 200,
      retryAfter: null,
      body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
    });
    const registering = await post(safelisting, { query: COUNT, extensions: persisted(COUNT) }, token);
    expect(registering.body.errors?.map((error) => error.extensions?.code)).toEqual(['OPERATION_NOT_TRUSTED']);
    expect((await post(safelisting, { extensions: persisted(COUNT) }, token)).body).toEqual(unknownHash.body);
    expect(await refusalsOf(partnerApp.subject, 4)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: partnerApp.subject,
          clientAddress: '127.0.0.1',
          operation: 'SupplierCount',
          detail: { operationName: 'SupplierCount', codes: ['OPERATION_NOT_TRUSTED'] },
        }),
        expect.objectContaining({
          actor: partnerApp.subject,
          clientAddress: '127.0.0.1',
          operation: 'anonymous operation',
          detail: { operationName: null, codes: ['PERSISTED_QUERY_NOT_FOUND'] },
        }),
      ]),
    );
  });

  it('with safelisting on, refuse a subscription that is not registered', async () => {
    const manifestPath = join(manifestDir, 'names-only.json');
    const manifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: documentHash(NAMES), name: 'SupplierNames', type: 'query', body: NAMES }],
    };
    await writeFile(manifestPath, JSON.stringify(manifest));
    const safelisting = await extraGateway({ trustedDocuments: loadTrustedDocuments(manifestPath) });
    const subscriber = subscribe(
      safelisting.graphqlUrl,
      { authorization: await bearer(partnerApp) },
      'subscription { supplierStatusChanged { status } }',
    );
    const ending = await subscriber.ended;
    await subscriber.close();
    expect(ending).toEqual({
      kind: 'error',
      error: [
        {
          message: 'This gateway runs only registered operations, and this is not one of them',
          extensions: { code: 'OPERATION_NOT_TRUSTED' },
        },
      ],
    });
  });

  it('with safelisting off, let clients register operations as automatic persisted queries', async () => {
    const gateway = await extraGateway({});
    const token = await bearer(neighbour);
    const unknownYet = await post(gateway, { extensions: persisted(COUNT) }, token);
    const registering = await post(gateway, { query: COUNT, extensions: persisted(COUNT) }, token);
    const byHash = await post(gateway, { extensions: persisted(COUNT) }, token);

    expect(unknownYet.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(registering.status).toBe(200);
    expect(byHash).toEqual(registering);
  });
});
