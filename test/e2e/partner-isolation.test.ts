import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type DemoSupplier } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { publishEvent } from '@procuregraph/platform/events';
import { graphql } from '../generated/gql.ts';
import type { SupplierPaymentEventsSubscription, SupplierPaymentEventsSubscriptionVariables } from '../generated/graphql.ts';
import { admin, startTestGraph, until, type TestGraph } from '../harness.ts';
import { subscribe, type Subscriber } from '../subscriber.ts';

/**
 * A supplier's token, probing another supplier every way the graph offers: by id, by list and
 * filter, through counts, through nested fields that cross subgraphs (entity fetches), and live
 * through subscriptions. It sees its own records only, and never learns the other's exist.
 */
const world = createWorld({ scale: 'default' });
const payments = [...world.payments()];
const contracts = [...world.contracts()];
const purchaseOrders = [...world.purchaseOrders()];
const invoices = [...world.invoices()];
const isOpen = (payment: { status: string }) => payment.status === 'SCHEDULED' || payment.status === 'SENT';

/** Two active suppliers, each with an open payment the ERP's payment run will move, and a contract. */
const [supplierA, supplierB] = [...world.suppliers()]
  .filter((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null)
  .filter((supplier) => payments.some((payment) => payment.supplierId === supplier.id && isOpen(payment)))
  .filter((supplier) => contracts.some((contract) => contract.supplierId === supplier.id)) as [DemoSupplier, DemoSupplier];

function recordsOf(supplier: DemoSupplier) {
  const own = <Row extends { supplierId: string }>(rows: Row[]) => rows.filter((row) => row.supplierId === supplier.id);
  return { purchaseOrders: own(purchaseOrders), invoices: own(invoices), payments: own(payments), contracts: own(contracts) };
}
const ofA = recordsOf(supplierA);
const ofB = recordsOf(supplierB);
const asA: UserCaller = { kind: 'supplier', subject: 'portal-user-a', role: 'supplier', supplierId: supplierA.id };

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

describe("supplier A's token asking for supplier B's records", () => {
  it.each<[string, TypedDocumentNode<Record<string, { id: string } | null>, { id: string }>, string, string]>([
    [
      'supplier',
      graphql(`
        query SupplierSeenByPartner($id: ID!) {
          supplier(id: $id) {
            id
          }
        }
      `),
      supplierB.id,
      supplierA.id,
    ],
    [
      'purchaseOrder',
      graphql(`
        query PurchaseOrderSeenByPartner($id: ID!) {
          purchaseOrder(id: $id) {
            id
          }
        }
      `),
      ofB.purchaseOrders[0]!.id,
      ofA.purchaseOrders[0]!.id,
    ],
    [
      'invoice',
      graphql(`
        query InvoiceSeenByPartner($id: ID!) {
          invoice(id: $id) {
            id
          }
        }
      `),
      ofB.invoices[0]!.id,
      ofA.invoices[0]!.id,
    ],
    [
      'payment',
      graphql(`
        query PaymentSeenByPartner($id: ID!) {
          payment(id: $id) {
            id
          }
        }
      `),
      ofB.payments[0]!.id,
      ofA.payments[0]!.id,
    ],
    [
      'contract',
      graphql(`
        query ContractSeenByPartner($id: ID!) {
          contract(id: $id) {
            id
          }
        }
      `),
      ofB.contracts[0]!.id,
      ofA.contracts[0]!.id,
    ],
  ])('%s(id) answers null for B and the record for A', async (field, document, idOfB, idOfA) => {
    expect(await graph.query(document, { id: idOfB }, asA)).toEqual({ status: 200, data: { [field]: null } });
    expect(await graph.query(document, { id: idOfA }, asA)).toEqual({ status: 200, data: { [field]: { id: idOfA } } });
  });

  it('lists only A among suppliers, whatever the filter', async () => {
    const document = graphql(`
      query VisibleSuppliers($filter: SupplierFilter) {
        suppliers(first: 200, filter: $filter) {
          totalCount
          nodes {
            id
          }
        }
      }
    `);
    expect((await graph.query(document, {}, asA)).data).toEqual({ suppliers: { totalCount: 1, nodes: [{ id: supplierA.id }] } });
    expect((await graph.query(document, { filter: { search: supplierB.legalName } }, asA)).data).toEqual({
      suppliers: { totalCount: 0, nodes: [] },
    });
  });

  it.each([
    ['purchaseOrders', 'PurchaseOrderFilter', { supplierId: supplierB.id }],
    ['purchaseOrders', 'PurchaseOrderFilter', { contractId: ofB.contracts[0]!.id }],
    ['invoices', 'InvoiceFilter', { supplierId: supplierB.id }],
    ['invoices', 'InvoiceFilter', { purchaseOrderId: ofB.purchaseOrders[0]!.id }],
    ['contracts', 'ContractFilter', { supplierId: supplierB.id }],
  ])('%s filtered by %s %o is empty with totalCount 0', async (field, filterType, filter) => {
    const answer = await graph.query(
      `query ($filter: ${filterType}) { ${field}(first: 200, filter: $filter) { totalCount nodes { id } } }`,
      { filter },
      asA,
    );
    expect(answer).toEqual({ status: 200, data: { [field]: { totalCount: 0, nodes: [] } } });
  });

  it('counts only its own records in unfiltered lists', async () => {
    const answer = await graph.query(
      graphql(`
        query OwnRecordCounts {
          purchaseOrders(first: 200) {
            totalCount
          }
          invoices(first: 200) {
            totalCount
          }
          contracts(first: 200) {
            totalCount
          }
        }
      `),
      {},
      asA,
    );
    expect(answer.data).toEqual({
      purchaseOrders: { totalCount: ofA.purchaseOrders.length },
      invoices: { totalCount: ofA.invoices.length },
      contracts: { totalCount: ofA.contracts.length },
    });
  });
});

/** Every `supplier { id }` in an answer, however deep. */
function supplierIdsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => supplierIdsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'supplier' && child && typeof child === 'object') found.add((child as { id: string }).id);
      supplierIdsIn(child, found);
    }
  }
  return found;
}

describe("nested fields from A's own records", () => {
  it.each([
    [
      'purchaseOrders',
      'nodes { supplier { id } contract { supplier { id } } invoices(first: 2) { nodes { supplier { id } } } }',
      ofA.purchaseOrders.length,
    ],
    [
      'invoices',
      'nodes { supplier { id } purchaseOrder { supplier { id } } payments { supplier { id } invoice { supplier { id } } } }',
      ofA.invoices.length,
    ],
    ['payments', 'nodes { supplier { id } invoice { supplier { id } purchaseOrder { supplier { id } } } }', ofA.payments.length],
    ['contracts', 'nodes { supplier { id } purchaseOrders(first: 3) { nodes { supplier { id } } } }', ofA.contracts.length],
  ])('Supplier.%s never reaches another supplier, across subgraphs', async (field, selection, count) => {
    const answer = await graph.query<{ supplier: Record<string, { totalCount: number; nodes: unknown[] }> }>(
      `query ($id: ID!) { supplier(id: $id) { id ${field}(first: 30) { totalCount ${selection} } } }`,
      { id: supplierA.id },
      asA,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.supplier[field]!.totalCount).toBe(count);
    expect(answer.data!.supplier[field]!.nodes).toHaveLength(count);
    expect([...supplierIdsIn(answer.data!.supplier)]).toEqual([supplierA.id]);
  });

  it("an invoice A submits against B's order is refused without telling A anything of B", async () => {
    const orderOfB = ofB.purchaseOrders[0]!;
    const submitted = await graph.query(
      graphql(`
        mutation InvoiceAgainstOtherOrder($input: SubmitInvoiceInput!) {
          submitInvoice(input: $input) {
            invoice {
              id
              purchaseOrder {
                id
                number
                orderDate
              }
            }
            userErrors {
              field
              code
              message
            }
          }
        }
      `),
      {
        input: {
          supplierId: supplierA.id,
          purchaseOrderId: orderOfB.id,
          invoiceNumber: 'INV-PROBE-1',
          invoiceDate: '2025-03-01',
          lines: [{ lineNumber: 1, itemNumber: orderOfB.lines[0]!.itemNumber, quantity: '1', unitPrice: '0.01' }],
        },
      },
      asA,
    );
    expect(submitted.data!.submitInvoice).toEqual({
      invoice: null,
      userErrors: [
        {
          field: ['input', 'purchaseOrderId'],
          code: 'PURCHASE_ORDER_OF_ANOTHER_SUPPLIER',
          message: 'The purchase order was placed with another supplier',
        },
      ],
    });
    expect(JSON.stringify(submitted)).not.toContain(supplierB.id);
    // B, in turn, finds nothing of A's under its own order.
    const asB: UserCaller = { kind: 'supplier', subject: 'portal-user-b', role: 'supplier', supplierId: supplierB.id };
    const fromB = await graph.query(
      graphql(`
        query InvoicesOfOrder($id: ID!) {
          purchaseOrder(id: $id) {
            invoices(first: 200) {
              nodes {
                invoiceNumber
              }
            }
          }
        }
      `),
      { id: orderOfB.id },
      asB,
    );
    expect(fromB.data!.purchaseOrder!.invoices.nodes.map((node) => node.invoiceNumber)).not.toContain('INV-PROBE-1');
  });
});

describe('payment events', () => {
  const document = graphql(`
    subscription SupplierPaymentEvents($supplierId: ID) {
      paymentStatusChanged(supplierId: $supplierId) {
        status
        payment {
          id
          supplier {
            id
          }
        }
      }
    }
  `);
  const open: Subscriber<SupplierPaymentEventsSubscription>[] = [];

  async function subscribed(
    variables: SupplierPaymentEventsSubscriptionVariables,
    caller: UserCaller,
  ): Promise<Subscriber<SupplierPaymentEventsSubscription>> {
    const listening = graph.app.events.subscriberCount;
    const subscriber = subscribe(graph.graphqlUrl, { authorization: `Bearer ${await graph.tokenFor(caller)}` }, document, variables);
    open.push(subscriber);
    await until(() => graph.app.events.subscriberCount > listening, 10_000, 'subscription listening');
    return subscriber;
  }

  afterAll(async () => {
    await Promise.all(open.map((subscriber) => subscriber.close()));
  });

  it("reach A about its own payments only, whether it asks for B's or for everything", async () => {
    const askingForB = await subscribed({ supplierId: supplierB.id }, asA);
    const everythingA = await subscribed({}, asA);
    const watchingB = await subscribed({ supplierId: supplierB.id }, admin);

    const run = await fetch(`${graph.app.systems.erpUrl}/admin/payment-run`, { method: 'POST' });
    expect(((await run.json()) as { advanced: number }).advanced).toBeGreaterThanOrEqual(2);

    // B's payment did change (staff hear it), and A heard about its own.
    const [ofBEvent] = await watchingB.take(1, 30_000);
    expect(ofBEvent!.data!.paymentStatusChanged.payment.supplier).toEqual({ id: supplierB.id });
    const [ofAEvent] = await everythingA.take(1, 30_000);
    expect(ofAEvent!.errors).toBeUndefined();
    expect(ofAEvent!.data!.paymentStatusChanged.payment.supplier).toEqual({ id: supplierA.id });
    // A sentinel for A, raised after the payment run: what A hears before it is only its own, and by
    // the time it reaches A on the bus, an event for B would have reached `askingForB` too.
    const sentinel = ofA.payments[0]!;
    await publishEvent(graph.app.client, {
      topic: 'payment.status_changed',
      aggregateId: sentinel.id,
      payload: {
        paymentId: sentinel.id,
        invoiceId: sentinel.invoiceId,
        supplierId: supplierA.id,
        previousStatus: 'CLEARED',
        status: 'VOIDED',
        occurredAt: new Date().toISOString(),
      },
    });
    const heardByA = [ofAEvent!];
    while (heardByA.at(-1)!.data?.paymentStatusChanged.status !== 'VOIDED') heardByA.push(...(await everythingA.take(1, 30_000)));
    expect(heardByA.map((result) => result.data?.paymentStatusChanged.payment.supplier.id).filter((id) => id !== supplierA.id)).toEqual([]);
    expect(askingForB.pending).toEqual([]);
  });
});
