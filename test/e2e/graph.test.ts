import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import { executeSql, deterministicId, newId } from '@procuregraph/platform/db';
import { graphql } from '../generated/gql.ts';
import type { SupplierPageQuery } from '../generated/graphql.ts';
import { admin, eventually, readCounter, startTestGraph, type GraphQLResponse, type TestGraph } from '../harness.ts';
import { onboardAndApproveSupplier } from '../supplier-onboarding.ts';

/** Every expected value below is derived from the same deterministic world the graph was seeded with. */
const world = createWorld({ scale: 'default' });
const suppliers = [...world.suppliers()].sort((a, b) => (a.id < b.id ? -1 : 1));
const purchaseOrders = [...world.purchaseOrders()];
const invoices = [...world.invoices()];
const payments = [...world.payments()];
const contracts = [...world.contracts()];

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

describe('one graph over four subgraphs', () => {
  it('answers a supplier 360 with fields from every subgraph', async () => {
    const supplier = suppliers.find(
      (candidate) =>
        purchaseOrders.some((order) => order.supplierId === candidate.id) &&
        payments.some((payment) => payment.supplierId === candidate.id) &&
        contracts.some((contract) => contract.supplierId === candidate.id),
    )!;
    const ordersOfSupplier = purchaseOrders.filter((order) => order.supplierId === supplier.id);
    const firstOrder = ordersOfSupplier.sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;

    const { status, data, errors } = await graph.query(
      graphql(`
        query Supplier360($id: ID!) {
          supplier(id: $id) {
            legalName
            status
            taxIdMasked
            bankAccount {
              routingNumber
              accountNumberMasked
            }
            externalReferences {
              system
              externalId
            }
            purchaseOrders(first: 1) {
              totalCount
              nodes {
                number
                total {
                  amount
                  currency
                }
                lines {
                  lineNumber
                  amount {
                    amount
                  }
                }
                supplier {
                  legalName
                }
                invoices {
                  totalCount
                }
              }
            }
            invoices {
              totalCount
            }
            payments {
              totalCount
            }
            contracts {
              totalCount
              nodes {
                number
                supplier {
                  supplierNumber
                }
              }
            }
          }
        }
      `),
      { id: supplier.id },
    );

    expect(status).toBe(200);
    expect(errors).toBeUndefined();
    const result = data!.supplier!;
    expect(result.legalName).toBe(supplier.legalName);
    expect(result.status).toBe(supplier.status);
    expect(result.taxIdMasked).toBe(`**-***${supplier.taxId.slice(-4)}`);
    expect(result.bankAccount).toEqual({
      routingNumber: supplier.bankAccount.routingNumber,
      accountNumberMasked: `******${supplier.bankAccount.accountNumber.slice(-4)}`,
    });
    expect(result.externalReferences).toContainEqual({ system: 'ERP', externalId: String(supplier.erp!.supplierId) });
    expect(result.purchaseOrders.totalCount).toBe(ordersOfSupplier.length);
    expect(result.purchaseOrders.nodes[0]).toEqual({
      number: firstOrder.number,
      total: { amount: firstOrder.total, currency: 'USD' },
      lines: firstOrder.lines.map((line) => ({ lineNumber: line.lineNumber, amount: { amount: line.amount } })),
      supplier: { legalName: supplier.legalName },
      invoices: { totalCount: invoices.filter((invoice) => invoice.purchaseOrderId === firstOrder.id).length },
    });
    expect(result.invoices.totalCount).toBe(invoices.filter((invoice) => invoice.supplierId === supplier.id).length);
    expect(result.payments.totalCount).toBe(payments.filter((payment) => payment.supplierId === supplier.id).length);
    expect(result.contracts.totalCount).toBe(contracts.filter((contract) => contract.supplierId === supplier.id).length);
    expect(result.contracts.nodes[0]!.supplier!.supplierNumber).toBe(supplier.supplierNumber);
  });

  it('resolves an invoice back to its purchase order, supplier and payments', async () => {
    const payment = payments.find((candidate) => candidate.status === 'CLEARED')!;
    const invoice = invoices.find((candidate) => candidate.id === payment.invoiceId)!;
    const order = purchaseOrders.find((candidate) => candidate.id === invoice.purchaseOrderId)!;
    const { data, errors } = await graph.query(
      graphql(`
        query PaymentToOrder($id: ID!) {
          payment(id: $id) {
            status
            amount {
              amount
            }
            invoice {
              invoiceNumber
              status
              purchaseOrder {
                number
              }
              supplier {
                legalName
              }
              payments {
                id
              }
            }
          }
        }
      `),
      { id: payment.id },
    );
    expect(errors).toBeUndefined();
    expect(data!.payment).toEqual({
      status: 'CLEARED',
      amount: { amount: payment.amount },
      invoice: {
        invoiceNumber: invoice.invoiceNumber,
        status: invoice.status,
        purchaseOrder: { number: order.number },
        supplier: { legalName: suppliers.find((supplier) => supplier.id === invoice.supplierId)!.legalName },
        payments: payments
          .filter((candidate) => candidate.invoiceId === invoice.id)
          .map((candidate) => ({ id: candidate.id }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      },
    });
  });
});

describe('pagination', () => {
  const page = graphql(`
    query SupplierPage($first: Int, $after: String) {
      suppliers(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
          }
        }
      }
    }
  `);

  it('walks every supplier exactly once, in id order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { data, errors }: GraphQLResponse<SupplierPageQuery> = await graph.query(page, { first: 7, after });
      expect(errors).toBeUndefined();
      const connection: SupplierPageQuery['suppliers'] = data!.suppliers;
      expect(connection.totalCount).toBe(world.counts.suppliers);
      seen.push(...connection.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(world.counts.suppliers / 7));
    expect(seen).toEqual(suppliers.map((supplier) => supplier.id));
  });

  it('keeps its place while rows are inserted before and after the cursor', async () => {
    const first = await graph.query(page, { first: 10 });
    const cursor = first.data!.suppliers.pageInfo.endCursor;
    const older = deterministicId(new Date('2019-01-01T00:00:00Z'), 1, 999);
    const newer = newId();
    for (const [id, number] of [
      [older, 'SUP-TEST-OLDER'],
      [newer, 'SUP-TEST-NEWER'],
    ] as const) {
      await executeSql(
        graph.app.client,
        `insert into suppliers.suppliers (id, supplier_number, legal_name, legal_name_key, category, status, tax_id_ciphertext, tax_id_last4, tax_id_fingerprint, address)
         values ($1, $2, $2, $2, 'LABORATORY', 'PENDING_APPROVAL', 'x', '0000', $2, '{"line1":"1 Test Way","line2":null,"city":"Dayton","region":"OH","postalCode":"45402","country":"US"}')`,
        [id, number],
      );
    }
    try {
      const second = await graph.query(page, { first: 10, after: cursor });
      expect(second.data!.suppliers.edges.map((edge) => edge.node.id)).toEqual(suppliers.slice(10, 20).map((supplier) => supplier.id));
      expect(second.data!.suppliers.totalCount).toBe(world.counts.suppliers + 2);
      const rest = await graph.query(page, { first: 200, after: cursor });
      const ids = rest.data!.suppliers.edges.map((edge) => edge.node.id);
      expect(ids.at(-1)).toBe(newer);
      expect(ids).not.toContain(older);
    } finally {
      await executeSql(graph.app.client, `delete from suppliers.suppliers where id in ($1, $2)`, [older, newer]);
    }
  });

  it('answers first: 0 with an empty page that knows there is more', async () => {
    const { data } = await graph.query(page, { first: 0 });
    expect(data!.suppliers).toEqual({ totalCount: world.counts.suppliers, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });
});

describe('filters', () => {
  it('filters suppliers by status and by part of the legal name', async () => {
    const { data } = await graph.query(
      graphql(`
        query ActiveAndMedical {
          active: suppliers(filter: { status: ACTIVE }) {
            totalCount
          }
          medical: suppliers(filter: { search: "MEDICAL" }) {
            totalCount
          }
        }
      `),
    );
    expect(data!.active.totalCount).toBe(suppliers.filter((supplier) => supplier.status === 'ACTIVE').length);
    expect(data!.medical.totalCount).toBe(suppliers.filter((supplier) => supplier.legalName.toLowerCase().includes('medical')).length);
  });

  it('treats LIKE wildcards in a search as plain characters', async () => {
    const { data } = await graph.query(
      graphql(`
        query PercentSearch {
          suppliers(filter: { search: "%" }) {
            totalCount
          }
        }
      `),
    );
    expect(data!.suppliers.totalCount).toBe(suppliers.filter((supplier) => supplier.legalName.includes('%')).length);
  });

  it('filters purchase orders by supplier and status, invoices by status and queue, contracts by status', async () => {
    const supplierId = purchaseOrders[0]!.supplierId;
    const { data, errors } = await graph.query(
      graphql(`
        query ListFilters($supplierId: ID!) {
          bySupplier: purchaseOrders(filter: { supplierId: $supplierId }) {
            totalCount
          }
          open: purchaseOrders(filter: { status: OPEN }) {
            totalCount
          }
          exceptions: invoices(filter: { status: EXCEPTION }) {
            totalCount
          }
          payablesQueue: invoices(filter: { queue: ACCOUNTS_PAYABLE }) {
            totalCount
          }
          buyerQueue: invoices(filter: { queue: BUYER }) {
            totalCount
          }
          contractQueue: invoices(filter: { queue: CONTRACT_MANAGEMENT }) {
            totalCount
          }
          activeContracts: contracts(filter: { status: ACTIVE }) {
            totalCount
          }
        }
      `),
      { supplierId },
    );
    expect(errors).toBeUndefined();
    expect(data!.bySupplier.totalCount).toBe(purchaseOrders.filter((order) => order.supplierId === supplierId).length);
    expect(data!.open.totalCount).toBe(purchaseOrders.filter((order) => order.status === 'OPEN').length);
    expect(data!.exceptions.totalCount).toBe(invoices.filter((invoice) => invoice.status === 'EXCEPTION').length);
    const waitingIn = (queue: string) =>
      invoices.filter((invoice) => invoice.exceptions.some((exception) => exception.queue === queue && !exception.resolution)).length;
    expect(waitingIn('ACCOUNTS_PAYABLE')).toBeGreaterThan(0);
    expect(data!.payablesQueue.totalCount).toBe(waitingIn('ACCOUNTS_PAYABLE'));
    expect(data!.buyerQueue.totalCount).toBe(waitingIn('BUYER'));
    expect(data!.contractQueue.totalCount).toBe(waitingIn('CONTRACT_MANAGEMENT'));
    expect(data!.activeContracts.totalCount).toBe(contracts.filter((contract) => contract.status === 'ACTIVE').length);
  });
});

describe('bad input gets a clear error with a code, never a 500', () => {
  async function firstError(document: string, variables?: Record<string, unknown>) {
    const response = await graph.query(document, variables);
    expect(response.status).toBeLessThan(500);
    return response.errors?.[0];
  }

  it('refuses a page size outside 0..200', async () => {
    for (const first of [201, 100000, -1]) {
      const error = await firstError(`query ($first: Int) { suppliers(first: $first) { totalCount } }`, { first });
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error?.message).toBe(`"first" must be between 0 and 200, got ${first}`);
    }
  });

  it('refuses a cursor that is garbage or belongs to another list', async () => {
    const garbage = await firstError(`{ suppliers(after: "not-a-cursor") { totalCount } }`);
    expect(garbage).toMatchObject({ message: '"after" is not a cursor of this Supplier list', extensions: { code: 'BAD_USER_INPUT' } });
    const orders = await graph.query(
      graphql(`
        query FirstOrderCursor {
          purchaseOrders(first: 1) {
            pageInfo {
              endCursor
            }
          }
        }
      `),
    );
    const foreign = await firstError(`query ($after: String) { suppliers(after: $after) { totalCount } }`, {
      after: orders.data!.purchaseOrders.pageInfo.endCursor,
    });
    expect(foreign?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers null for an unknown or malformed id, and refuses a malformed id filter', async () => {
    const { data, errors } = await graph.query(
      graphql(`
        query UnknownAndMalformed($unknown: ID!, $malformed: ID!) {
          unknown: supplier(id: $unknown) {
            id
          }
          malformed: invoice(id: $malformed) {
            id
          }
        }
      `),
      { unknown: newId(), malformed: 'INV-1' },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ unknown: null, malformed: null });
    const error = await firstError(`{ purchaseOrders(filter: { supplierId: "acme" }) { totalCount } }`);
    expect(error).toMatchObject({ message: '"supplierId" is not a valid id: "acme"', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('rejects an unknown field and a variable of the wrong type before execution', async () => {
    const unknown = await graph.query(`{ suppliers { nodes { bogus } } }`);
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Cannot query field "bogus" on type "Supplier". Did you mean "holds"?',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const wrongType = await graph.query(`query ($first: Int) { suppliers(first: $first) { totalCount } }`, { first: 'ten' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.errors?.[0]).toMatchObject({
      message: 'Variable "$first" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers a malformed JSON body with 400 BAD_REQUEST', async () => {
    const response = await fetch(graph.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.tokenFor(admin)}` },
      body: '{"query": "{ suppliers { totalCount } }"',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]!.message).toMatch(/^Request body is not valid JSON/);
  });

  it('answers a request without a valid token with 401 UNAUTHENTICATED', async () => {
    const anonymous = await graph.query(
      graphql(`
        query SupplierCount {
          suppliers {
            totalCount
          }
        }
      `),
      {},
      null,
    );
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(graph.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.' },
      body: JSON.stringify({ query: '{ suppliers { totalCount } }' }),
    });
    expect(forged.status).toBe(401);
  });
});

describe('batching', () => {
  const page = graphql(`
    query BatchedSuppliers($first: Int!) {
      suppliers(first: $first) {
        nodes {
          id
          insuranceCertificates {
            type
          }
          externalReferences {
            system
          }
          syncStatus {
            state
          }
          purchaseOrders(first: 5) {
            totalCount
            nodes {
              number
              lines {
                itemNumber
              }
              receipts {
                lines {
                  quantityReceived
                }
              }
              contract {
                number
              }
            }
          }
          invoices(first: 5) {
            totalCount
            nodes {
              invoiceNumber
              lines {
                amount {
                  amount
                }
              }
              payments {
                status
              }
              match {
                exceptions {
                  code
                }
              }
            }
          }
          payments(first: 5) {
            totalCount
            nodes {
              status
            }
          }
          contracts(first: 3) {
            totalCount
            nodes {
              number
              priceTerms {
                itemNumber
              }
            }
          }
        }
      }
    }
  `);

  async function statementsFor(first: number): Promise<Record<string, number>> {
    const services = ['suppliers', 'procurement', 'invoicing', 'contracts'];
    const before = await Promise.all(services.map((service) => readCounter(graph.baseUrl, 'db_queries_total', { service })));
    const { data, errors } = await graph.query(page, { first });
    expect(errors).toBeUndefined();
    expect(data!.suppliers.nodes).toHaveLength(first);
    const after = await Promise.all(services.map((service) => readCounter(graph.baseUrl, 'db_queries_total', { service })));
    return Object.fromEntries(services.map((service, index) => [service, after[index]! - before[index]!]));
  }

  it('costs the same number of statements per subgraph for 5 suppliers as for 50', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toEqual(five);
    for (const statements of Object.values(five)) expect(statements).toBeGreaterThan(0);
  });
});

describe('operations endpoints', () => {
  it('serves queries over GET', async () => {
    const url = `${graph.graphqlUrl}?query=${encodeURIComponent('{ suppliers(first: 1) { totalCount } }')}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${await graph.tokenFor(admin)}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { suppliers: { totalCount: world.counts.suppliers } } });
  });

  it('reports health, readiness of the database and every subgraph, and metrics', async () => {
    expect((await fetch(`${graph.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${graph.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: {
        database: 'ok',
        'subgraph:suppliers': 'ok',
        'subgraph:procurement': 'ok',
        'subgraph:invoicing': 'ok',
        'subgraph:contracts': 'ok',
        'subgraph:operations': 'ok',
      },
    });
    const metrics = await (await fetch(`${graph.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^graphql_requests_total\{service="gateway",operation="query",outcome="ok"\} \d+$/m);
    expect(metrics).toMatch(/^graphql_request_duration_seconds_count\{service="gateway",operation="query"\} \d+$/m);
    for (const service of ['suppliers', 'procurement', 'invoicing', 'contracts']) {
      expect(metrics).toMatch(new RegExp(`^db_queries_total\\{service="${service}"\\} \\d+$`, 'm'));
    }
  });
});

/** Last in the file: it adds a supplier and a contract to the world the tests above count. */
describe("a supplier's first contract", () => {
  /** Onboarded and approved through the graph; resolves with its ERP supplier number once linked. */
  async function onboardedWithErpNumber(): Promise<{ id: string; erpSupplierNumber: string }> {
    const id = await onboardAndApproveSupplier(graph, {
      legalName: 'Newcomer Infusion Systems LLC',
      taxId: '83-4417296',
      bankAccount: { routingNumber: '011000015', accountNumber: '000987612345', accountType: 'CHECKING' },
    });
    const erpSupplierId = await eventually(async () => {
      const { data } = await graph.query(
        graphql(`
          query FirstContractReferences($id: ID!) {
            supplier(id: $id) {
              status
              externalReferences {
                system
                externalId
              }
            }
          }
        `),
        { id },
      );
      const supplier = data!.supplier!;
      return supplier.status === 'ACTIVE'
        ? supplier.externalReferences.find((reference) => reference.system === 'ERP')?.externalId
        : undefined;
    }, 60_000);
    const erp = await fetch(`${graph.app.systems.erpUrl}/fscmRestApi/resources/11.13.18.05/suppliers/${erpSupplierId}`);
    expect(erp.status).toBe(200);
    return { id, erpSupplierNumber: String(((await erp.json()) as { SupplierNumber: number | string }).SupplierNumber) };
  }

  it('appears on the supplier in the graph once the repository has it', { timeout: 120_000 }, async () => {
    const supplier = await onboardedWithErpNumber();
    const contractsOf = async () =>
      (
        await graph.query(
          graphql(`
            query FirstContractOfSupplier($id: ID!) {
              supplier(id: $id) {
                contracts(first: 5) {
                  totalCount
                  nodes {
                    number
                    status
                    priceTerms {
                      itemNumber
                      unitPrice {
                        amount
                      }
                    }
                  }
                }
              }
            }
          `),
          { id: supplier.id },
        )
      ).data!.supplier!.contracts;
    expect(await contractsOf()).toEqual({ totalCount: 0, nodes: [] });

    const created = await fetch(`${graph.app.systems.contractRepositoryUrl}/api/contracts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        contract_number: 'GPO-NEWCOMER-001',
        title: 'Infusion pumps agreement',
        counterparty: { name: 'Newcomer Infusion Systems LLC', vendor_number: supplier.erpSupplierNumber },
        effective_date: '2026-02-01',
        price_terms: [{ item_number: 'INF-PMP-01', unit_price: '1250.00', uom: 'EA' }],
      }),
    });
    expect(created.status).toBe(201);

    expect(await eventually(async () => ((await contractsOf()).totalCount === 1 ? contractsOf() : undefined), 60_000)).toEqual({
      totalCount: 1,
      nodes: [
        { number: 'GPO-NEWCOMER-001', status: 'ACTIVE', priceTerms: [{ itemNumber: 'INF-PMP-01', unitPrice: { amount: '1250.00' } }] },
      ],
    });
  });
});
