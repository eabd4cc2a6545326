import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { graphql } from '../generated/gql.ts';
import { admin, startTestGraph, type TestGraph } from '../harness.ts';
import { subscribe } from '../subscriber.ts';

const ALLOWED_ORIGIN = 'https://procurement.example';
const finance: UserCaller = { kind: 'staff', subject: 'test-finance', role: 'finance' };
const supplier: UserCaller = { kind: 'supplier', subject: 'test-supplier', role: 'supplier', supplierId: '01JAAAAAAAAAAAAAAAAAAAAAAA' };

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph({ introspection: 'admin', corsOrigins: [ALLOWED_ORIGIN] });
});

afterAll(async () => {
  await graph?.close();
});

/** suppliers → nodes → (purchaseOrders → nodes → supplier) × 16 → id: 51 levels, every field real. */
function queryOfDepth50(): string {
  let selection = 'id';
  for (let level = 0; level < 16; level++) selection = `purchaseOrders(first: 1) { nodes { supplier { ${selection} } } }`;
  return `{ suppliers(first: 1) { nodes { ${selection} } } }`;
}

const thousandAliases = `{ suppliers(first: 1) { ${Array.from({ length: 1_000 }, (_, index) => `a${index}: totalCount`).join(' ')} } }`;
const tenThousandTokens = `{ ${'__typename '.repeat(9_998)}}`;

/** Sends a raw body; `codes` are the distinct error codes of the answer. */
async function post(body: string, caller: UserCaller = admin): Promise<{ status: number; codes: string[]; answeredAt: number }> {
  const response = await fetch(graph.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.tokenFor(caller)}` },
    body,
  });
  const result = (await response.json()) as { errors?: { extensions: { code: string } }[] };
  return {
    status: response.status,
    codes: [...new Set((result.errors ?? []).map((error) => error.extensions.code))],
    answeredAt: Date.now(),
  };
}

describe('query limits', () => {
  it('refuse a deep, aliased, long or huge request quickly with its code while a normal query goes through', async () => {
    const started = Date.now();
    const fiveMegabytes = JSON.stringify({ query: `{ __typename }${' '.repeat(5 * 1024 * 1024)}` });
    const [deep, aliased, long, huge, normal] = await Promise.all([
      post(JSON.stringify({ query: queryOfDepth50() })),
      post(JSON.stringify({ query: thousandAliases })),
      post(JSON.stringify({ query: tenThousandTokens })),
      post(fiveMegabytes),
      graph.query(
        graphql(`
          query WithinLimits {
            suppliers(first: 2) {
              totalCount
              nodes {
                legalName
              }
            }
          }
        `),
        {},
        finance,
      ),
    ]);
    const refusals = [deep, aliased, long, huge];

    expect(deep).toMatchObject({ status: 400, codes: ['QUERY_TOO_DEEP'] });
    expect(aliased).toMatchObject({ status: 400, codes: ['TOO_MANY_ALIASES'] });
    expect(long).toMatchObject({ status: 400, codes: ['QUERY_TOO_LARGE'] });
    expect(huge).toMatchObject({ status: 413, codes: ['PAYLOAD_TOO_LARGE'] });
    expect(normal.errors).toBeUndefined();
    expect(normal.data?.suppliers.nodes).toHaveLength(2);
    // Refused without executing or buffering them: all four within seconds on a busy two-core
    // machine, far below the server's timeouts (a minute), not a tight timing.
    expect(Math.max(...refusals.map((refusal) => refusal.answeredAt)) - started).toBeLessThan(10_000);
  });

  const twentyFiveDirectives = `{ suppliers(first: 1) { ${Array.from({ length: 25 }, (_, index) => `a${index}: totalCount @include(if: true)`).join(' ')} } }`;

  it.each([
    [thousandAliases, 'Aliases limit of 30 exceeded, found 1000.', 'TOO_MANY_ALIASES'],
    [twentyFiveDirectives, 'Directives limit of 20 exceeded, found 25.', 'TOO_MANY_DIRECTIVES'],
  ])('say which limit was exceeded (%#)', async (query, message, code) => {
    expect(await graph.query(query)).toEqual({ status: 400, errors: [{ message, extensions: { code } }] });
  });

  it('let an operation just within them through', async () => {
    const thirtyAliases = `{ suppliers(first: 1) { ${Array.from({ length: 30 }, (_, index) => `a${index}: totalCount`).join(' ')} } }`;
    const response = await graph.query<{ suppliers: Record<string, number> }>(thirtyAliases);
    expect(response.errors).toBeUndefined();
    expect(Object.keys(response.data?.suppliers ?? {})).toHaveLength(30);
  });

  it('apply to subscriptions over WebSocket too', async () => {
    let selection = 'legalName';
    for (let level = 0; level < 16; level++) selection = `purchaseOrders(first: 1) { nodes { supplier { ${selection} } } }`;
    const subscriber = subscribe(
      graph.graphqlUrl,
      { authorization: `Bearer ${await graph.tokenFor(admin)}` },
      `subscription { supplierStatusChanged { supplier { ${selection} } } }`,
    );
    const ending = await subscriber.ended;
    await subscriber.close();
    expect(ending.kind).toBe('error');
    const codes = ((ending as { error: { extensions: { code: string } }[] }).error ?? []).map((error) => error.extensions.code);
    expect(codes).toEqual(['QUERY_TOO_DEEP']);
  });
});

describe("the node limit (GitHub's model: what a query may return)", () => {
  const dashboard = `query Dashboard {
    suppliers(first: 20) { nodes { legalName
      purchaseOrders(first: 10) { nodes { number invoices(first: 5) { nodes { invoiceNumber payments { status } } } } }
      contracts(first: 5) { nodes { number status } } } }
  }`;
  const cubeOf = (pageSize: string) =>
    `{ suppliers(first: ${pageSize}) { nodes { purchaseOrders(first: ${pageSize}) { nodes { invoices(first: ${pageSize}) { nodes { invoiceNumber } } } } } } }`;
  // 200 + 200 × 200 + 200 × 200 × 200
  const cubeRefusal = {
    status: 400,
    errors: [
      {
        message: 'This operation may return up to 8,040,200 nodes; the limit is 500,000. Ask for smaller pages (first).',
        extensions: { code: 'QUERY_TOO_COMPLEX', nodeCount: 8_040_200, maxNodes: 500_000 },
      },
    ],
  };

  it('lets the dashboard query through (20 + 200 + 1,000 + 10,000 payments estimated + 100 nodes)', async () => {
    const response = await graph.query(dashboard, {}, finance);
    expect(response.errors).toBeUndefined();
    expect((response.data as { suppliers: { nodes: unknown[] } } | undefined)?.suppliers.nodes.length).toBeGreaterThan(0);
  });

  it.each([
    ['literals', cubeOf('200'), {}],
    ['variables', cubeOf('$size').replace('{', 'query Cube($size: Int) {'), { size: 200 }],
  ])('refuses the 200 × 200 × 200 query with its size in under a second, page sizes as %s', async (_how, query, variables) => {
    const started = performance.now();
    const response = await graph.query(query, variables);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(response).toEqual(cubeRefusal);
  });

  it('counts the default page size when first is omitted', async () => {
    // 50 + 50 × 50 + 50 × 50 × 50 + 50 × 50 × 50 × 10 payments = 1,377,550
    const response = await graph.query(
      '{ suppliers { nodes { purchaseOrders { nodes { invoices { nodes { payments { status } } } } } } } }',
    );
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', nodeCount: 1_377_550, maxNodes: 500_000 });
  });

  it('applies to subscriptions over WebSocket, with their variables', async () => {
    const subscriber = subscribe(
      graph.graphqlUrl,
      { authorization: `Bearer ${await graph.tokenFor(admin)}` },
      'subscription Wide($size: Int) { supplierStatusChanged { supplier { purchaseOrders(first: $size) { nodes { invoices(first: $size) { nodes { supplier { contracts(first: $size) { nodes { number } } } } } } } } } }',
      { size: 200 },
    );
    const ending = await subscriber.ended;
    await subscriber.close();
    expect(ending).toEqual({ kind: 'error', error: cubeRefusal.errors });
  });
});

describe('introspection when only admins may introspect', () => {
  const schemaQuery = '{ __schema { queryType { name } } }';

  it('is answered for an admin', async () => {
    expect(await graph.query(schemaQuery)).toEqual({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it.each([
    ['finance', finance, schemaQuery],
    ['a supplier', supplier, '{ __type(name: "Supplier") { fields { name } } }'],
  ])('is FORBIDDEN for %s', async (_who, caller, query) => {
    const response = await graph.query(query, {}, caller);
    expect(response).toEqual({
      status: 403,
      errors: [{ message: 'Introspection is only allowed for the admin role', extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('still answers __typename for everyone', async () => {
    expect(await graph.query('{ __typename }', {}, supplier)).toEqual({ status: 200, data: { __typename: 'Query' } });
  });

  it('hides field suggestions from those who may not introspect', async () => {
    const forFinance = await graph.query('{ supplierz(first: 1) { totalCount } }', {}, finance);
    const forAdmin = await graph.query('{ supplierz(first: 1) { totalCount } }');
    expect(forFinance.errors?.map((error) => error.message)).toEqual(['Cannot query field "supplierz" on type "Query".']);
    expect(forAdmin.errors?.[0]?.message).toMatch(/^Cannot query field "supplierz" on type "Query"\. Did you mean "supplier"/);
  });
});

describe('CORS', () => {
  async function preflight(origin: string): Promise<Response> {
    return fetch(graph.graphqlUrl, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
  }

  it('lets a configured origin send authorization and content-type', async () => {
    const response = await preflight(ALLOWED_ORIGIN);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['authorization', 'content-type']),
    );
  });

  it('gives another origin no access', async () => {
    const response = await preflight('https://elsewhere.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const request = await fetch(graph.graphqlUrl, {
      method: 'POST',
      headers: {
        origin: 'https://elsewhere.example',
        'content-type': 'application/json',
        authorization: `Bearer ${await graph.tokenFor(admin)}`,
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(request.headers.get('access-control-allow-origin')).toBeNull();
  });
});
