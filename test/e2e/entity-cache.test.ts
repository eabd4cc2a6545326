import { randomUUID } from 'node:crypto';
import { Kind, getNamedType, isObjectType, buildASTSchema, type GraphQLNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import { executeSql } from '@procuregraph/platform/db';
import { UNCACHED_FIELDS, type RunningGateway } from '@procuregraph/gateway';
import { domainSubgraphNames, subgraphTypeDefs } from '@procuregraph/schema';
import { sensitiveFields } from '@procuregraph/suppliers';
import { admin, anotherGateway, eventually, startTestGraph, until, type TestGraph } from '../harness.ts';

/*
 * The gateway's entity cache is kept only because it is exact: a change read back at once, through
 * the gateway that made it and through another instance, is the new value; so is a change a
 * background job commits. Two gateways serve one test graph, as two instances of a deployment.
 */
const world = createWorld({ scale: 'default' });
const activeSupplier = [...world.suppliers()].find((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null)!;

const ORDERS = `query SupplierOrders($id: ID!) {
  supplier(id: $id) { legalName purchaseOrders(first: 100) { totalCount nodes { id number status } } }
}`;
const ISSUE = `mutation Issue($input: IssuePurchaseOrderInput!) {
  issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code } }
}`;

interface Orders {
  supplier: { legalName: string; purchaseOrders: { totalCount: number; nodes: { id: string; number: string | null; status: string }[] } };
}

let graph: TestGraph;
let other: RunningGateway;

beforeAll(async () => {
  graph = await startTestGraph();
  other = await anotherGateway(graph, { entityCache: { changes: graph.app.client, maxBytes: 16 * 2 ** 20 } });
});

afterAll(async () => {
  await other?.close();
  await graph?.close();
});

/** An operation through the other gateway instance, as the test graph's admin. */
async function viaOther<Data>(query: string, variables: Record<string, unknown>): Promise<Data> {
  const response = await fetch(other.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.tokenFor(admin)}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const ordersVia = {
  other: () => viaOther<Orders>(ORDERS, { id: activeSupplier.id }),
  product: async () => (await graph.query<Orders>(ORDERS, { id: activeSupplier.id })).data!,
};

/**
 * Reads until a read is answered from the cache alone: the test graph's own jobs may still commit
 * changes (an order numbered by the ERP), each of which rightly empties its subgraph's part.
 */
async function answeredFromCache(): Promise<Orders> {
  let answer: Orders | undefined;
  await until(
    async () => {
      const before = other.entityCache()!;
      answer = await ordersVia.other();
      const after = other.entityCache()!;
      return after.hits > before.hits && after.misses === before.misses;
    },
    20_000,
    'a read answered from the entity cache',
  );
  return answer!;
}

describe('the entity cache', () => {
  it('answers a repeated read from the cache, and a change at once, through either gateway', async () => {
    const cached = await answeredFromCache();

    const lines = [{ itemNumber: 'GLV-NIT-100', description: 'Nitrile gloves', quantity: '2', unitOfMeasure: 'BX', unitPrice: '19.99' }];
    const issued = await graph.query<{ issuePurchaseOrder: { purchaseOrder: { id: string }; userErrors: unknown[] } }>(ISSUE, {
      input: { supplierId: activeSupplier.id, idempotencyKey: randomUUID(), lines },
    });
    expect(issued.data!.issuePurchaseOrder.userErrors).toEqual([]);
    const orderId = issued.data!.issuePurchaseOrder.purchaseOrder.id;

    for (const read of [ordersVia.other, ordersVia.product]) {
      const { purchaseOrders } = (await read()).supplier;
      expect(purchaseOrders.totalCount).toBe(cached.supplier.purchaseOrders.totalCount + 1);
      expect(purchaseOrders.nodes.map((order) => order.id)).toContain(orderId);
    }
  });

  it('forgets what another process commits, as soon as the change is announced', async () => {
    const open = (await answeredFromCache()).supplier.purchaseOrders.nodes.find((order) => order.status === 'OPEN');
    expect(open).toBeDefined();

    await executeSql(graph.app.client, `update procurement.purchase_orders set status = 'CANCELLED' where id = $1`, [open!.id]);
    // No time-to-live: without the announcement the cached OPEN would be read for ever.
    const cancelled = await eventually(async () => {
      const order = (await ordersVia.other()).supplier.purchaseOrders.nodes.find((node) => node.id === open!.id);
      return order?.status === 'CANCELLED' ? order : undefined;
    }, 5_000);
    expect(cancelled).toEqual({ ...open, status: 'CANCELLED' });
  });

  it.runIf(process.env.DATABASE_URL)(
    'forgets everything when its listening connection was lost, since changes may have gone unheard',
    async () => {
      await answeredFromCache();
      expect(other.entityCache()!.resets).toBe(0);

      const terminated = await executeSql<{ pid: number }>(
        graph.app.client,
        `select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %' and pg_terminate_backend(pid)`,
      );
      expect(terminated.length).toBeGreaterThan(0);
      // postgres.js listens again on a new connection; the gateway then starts afresh.
      await until(() => other.entityCache()!.resets === 1, 10_000, 'the entity cache to start afresh');
      const afresh = other.entityCache()!;
      await ordersVia.other();
      expect(other.entityCache()!.misses).toBeGreaterThan(afresh.misses);
    },
  );

  it('never answers an audited field from the cache', async () => {
    const query = `query Tax { invoices(first: 5) { nodes { supplier { taxIdMasked } } } }`;
    await viaOther(query, {});
    const before = other.entityCache()!;
    await viaOther(query, {});
    expect(other.entityCache()!.hits).toBe(before.hits);
  });

  it("leaves out every audited field and every field read from outside its subgraph's schema", () => {
    const journeyFields = domainSubgraphNames.flatMap((name) => {
      const schema = buildASTSchema(
        {
          kind: Kind.DOCUMENT,
          definitions: subgraphTypeDefs(name).definitions.filter((definition) => definition.kind !== Kind.SCHEMA_EXTENSION),
        },
        { assumeValid: true },
      );
      return Object.values(schema.getTypeMap()).flatMap((type: GraphQLNamedType) =>
        isObjectType(type)
          ? Object.values(type.getFields())
              .filter((field) => getNamedType(field.type).name === 'Journey')
              .map((field) => field.name)
          : [],
      );
    });
    expect(journeyFields.length).toBeGreaterThan(0);
    const audited = sensitiveFields.map((coordinate) => coordinate.split('.')[1]!);
    expect(UNCACHED_FIELDS).toEqual(expect.arrayContaining([...new Set([...journeyFields, ...audited])]));
  });
});
