import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { admin, startTestGraph, type GraphQLResponse, type TestGraph } from '../harness.ts';

/**
 * `totalCount` through the gateway, for every filter each list offers: read from the maintained
 * counters where the filter maps to their keys, counted from the rows where it does not (search,
 * contract, order, queue). Either way it must equal the nodes a client finds paging to the end.
 */
const world = createWorld({ scale: 'default' });
const suppliers = [...world.suppliers()];
const purchaseOrders = [...world.purchaseOrders()];
const invoices = [...world.invoices()];

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string }[];
}

type Filter = Record<string, string>;

/** Pages through a list to its end; returns the `totalCount` every page gave and the nodes found. */
async function pageThrough(
  list: string,
  filterType: string,
  filter: Filter,
  caller: UserCaller,
): Promise<{ totalCounts: number[]; nodes: number }> {
  const document = `query Page($after: String, $filter: ${filterType}) {
    ${list}(first: 200, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
  }`;
  const totalCounts: number[] = [];
  const ids = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const { data, errors }: GraphQLResponse<Record<string, Page>> = await graph.query<Record<string, Page>>(
      document,
      { after, filter },
      caller,
    );
    expect(errors).toBeUndefined();
    const page: Page = data![list]!;
    totalCounts.push(page.totalCount);
    for (const node of page.nodes) ids.add(node.id);
    if (!page.pageInfo.hasNextPage) return { totalCounts, nodes: ids.size };
    after = page.pageInfo.endCursor;
  }
}

async function expectCountOfPages(list: string, filterType: string, filter: Filter, caller: UserCaller = admin): Promise<number> {
  const { totalCounts, nodes } = await pageThrough(list, filterType, filter, caller);
  expect(totalCounts.map((totalCount) => ({ filter, totalCount }))).toEqual(totalCounts.map(() => ({ filter, totalCount: nodes })));
  return nodes;
}

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** The supplier with the most of some rows: its counts are the largest per-supplier keys. */
function busiestSupplier(rows: readonly { supplierId: string }[]): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.supplierId, (counts.get(row.supplierId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

function supplierCaller(supplierId: string): UserCaller {
  return { kind: 'supplier', subject: 'counts@vendor.example', role: 'supplier', supplierId };
}

/**
 * A list filtered by supplier and status (orders, invoices): every key the counters hold, as staff
 * and as the busiest supplier's own token, which sees nothing of another supplier's.
 */
async function expectSupplierAndStatusCounts(
  list: string,
  filterType: string,
  rows: readonly { supplierId: string; status: string }[],
): Promise<void> {
  expect(await expectCountOfPages(list, filterType, {})).toBe(rows.length);
  const supplierId = busiestSupplier(rows);
  const ofSupplier = rows.filter((row) => row.supplierId === supplierId);
  const own = supplierCaller(supplierId);
  expect(await expectCountOfPages(list, filterType, { supplierId })).toBe(ofSupplier.length);
  expect(await expectCountOfPages(list, filterType, {}, own)).toBe(ofSupplier.length);
  for (const status of distinct(rows.map((row) => row.status))) {
    const expected = ofSupplier.filter((row) => row.status === status).length;
    expect(await expectCountOfPages(list, filterType, { status })).toBe(rows.filter((row) => row.status === status).length);
    expect(await expectCountOfPages(list, filterType, { supplierId, status })).toBe(expected);
    expect(await expectCountOfPages(list, filterType, { status }, own)).toBe(expected);
  }
  const other = rows.find((row) => row.supplierId !== supplierId)!.supplierId;
  expect(await expectCountOfPages(list, filterType, { supplierId: other }, own)).toBe(0);
}

describe('totalCount equals the nodes paged through', () => {
  it('for suppliers, by status, category, both and search', async () => {
    expect(await expectCountOfPages('suppliers', 'SupplierFilter', {})).toBe(world.counts.suppliers);
    for (const status of distinct(suppliers.map((supplier) => supplier.status))) {
      expect(await expectCountOfPages('suppliers', 'SupplierFilter', { status })).toBe(suppliers.filter((s) => s.status === status).length);
    }
    for (const category of distinct(suppliers.map((supplier) => supplier.category))) {
      expect(await expectCountOfPages('suppliers', 'SupplierFilter', { category })).toBe(
        suppliers.filter((s) => s.category === category).length,
      );
    }
    const { status, category } = suppliers[0]!;
    expect(await expectCountOfPages('suppliers', 'SupplierFilter', { status, category })).toBe(
      suppliers.filter((s) => s.status === status && s.category === category).length,
    );
    const word = suppliers[0]!.legalName.split(' ')[0]!;
    expect(await expectCountOfPages('suppliers', 'SupplierFilter', { search: word.toUpperCase() })).toBe(
      suppliers.filter((s) => s.legalName.toLowerCase().includes(word.toLowerCase())).length,
    );
    expect(await expectCountOfPages('suppliers', 'SupplierFilter', {}, supplierCaller(suppliers[0]!.id))).toBe(1);
  });

  it('for purchase orders, by supplier, status and both, and for a supplier', async () => {
    await expectSupplierAndStatusCounts('purchaseOrders', 'PurchaseOrderFilter', purchaseOrders);
  });

  it('for purchase orders by contract', async () => {
    const contractId = purchaseOrders.find((order) => order.contractId)!.contractId!;
    expect(await expectCountOfPages('purchaseOrders', 'PurchaseOrderFilter', { contractId })).toBe(
      purchaseOrders.filter((order) => order.contractId === contractId).length,
    );
  });

  it('for invoices, by supplier, status and both, and for a supplier', async () => {
    await expectSupplierAndStatusCounts('invoices', 'InvoiceFilter', invoices);
  });

  it('for invoices by order and by queue', async () => {
    const purchaseOrderId = invoices.find((invoice) => invoice.purchaseOrderId)!.purchaseOrderId!;
    expect(await expectCountOfPages('invoices', 'InvoiceFilter', { purchaseOrderId })).toBe(
      invoices.filter((invoice) => invoice.purchaseOrderId === purchaseOrderId).length,
    );
    for (const queue of distinct(invoices.flatMap((invoice) => invoice.exceptions.map((exception) => exception.queue)))) {
      expect(await expectCountOfPages('invoices', 'InvoiceFilter', { queue })).toBe(
        invoices.filter((invoice) => invoice.exceptions.some((exception) => exception.queue === queue && !exception.resolution)).length,
      );
    }
  });
});
