import { closeDatabaseClient, executeSql, openDatabaseClient } from '@procuregraph/platform/db';

/** The three operations the issue names, each taking the page size as `$first`. */
export type OperationName = 'suppliersPage' | 'supplier360' | 'invoicesPage';

export const operationNames: readonly OperationName[] = ['suppliersPage', 'supplier360', 'invoicesPage'];

export const operationLabels: Readonly<Record<OperationName, string>> = {
  suppliersPage: 'Page of suppliers (suppliers subgraph only)',
  supplier360: 'Supplier 360 (all four subgraphs)',
  invoicesPage: 'Page of invoices with supplier, PO and payments',
};

const documents: Readonly<Record<OperationName, string>> = {
  suppliersPage: `query SuppliersPage($first: Int!, $after: String) {
  suppliers(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id supplierNumber legalName category status taxIdMasked address { city region } }
  }
}`,
  supplier360: `query Supplier360($id: ID!, $first: Int!) {
  supplier(id: $id) {
    legalName status taxIdMasked
    bankAccount { routingNumber accountNumberMasked }
    externalReferences { system externalId }
    purchaseOrders(first: $first) {
      totalCount
      nodes {
        number status total { amount currency }
        lines { lineNumber itemNumber quantity unitPrice { amount } }
        receipts { receiptNumber lines { lineNumber quantityReceived } }
      }
    }
    invoices(first: $first) { totalCount nodes { invoiceNumber status total { amount } payments { status amount { amount } } } }
    payments(first: $first) { totalCount nodes { status amount { amount } } }
    contracts(first: $first) { totalCount nodes { number title status effectiveTo priceTerms { itemNumber unitPrice { amount } } } }
  }
}`,
  invoicesPage: `query InvoicesPage($first: Int!, $after: String) {
  invoices(first: $first, after: $after) {
    totalCount
    nodes {
      invoiceNumber status total { amount currency }
      supplier { legalName status }
      purchaseOrder { number status total { amount } }
      payments { status amount { amount } }
    }
  }
}`,
};

/** The JSON body of one operation at a page size, for the dataset's supplier-360 subject. */
export function operationBody(name: OperationName, first: number, supplierId: string): string {
  const variables = name === 'supplier360' ? { id: supplierId, first } : { first };
  return JSON.stringify({ query: documents[name], variables });
}

/** What the varied workload draws from: supplier ids for the 360, and cursors into each page's list. */
export interface Variations {
  readonly supplierIds: readonly string[];
  readonly supplierCursors: readonly string[];
  readonly invoiceCursors: readonly string[];
}

/** The bodies the varied workload sends in turn: each a different supplier or a different page start. */
export function variedBodies(name: OperationName, first: number, variations: Variations): string[] {
  const bodies = {
    supplier360: variations.supplierIds.map((id) => ({ id, first })),
    suppliersPage: variations.supplierCursors.map((after) => ({ first, after })),
    invoicesPage: variations.invoiceCursors.map((after) => ({ first, after })),
  }[name];
  return bodies.map((variables) => JSON.stringify({ query: documents[name], variables }));
}

/** Up to `count` supplier ids, and a cursor after each of the first `count` suppliers and invoices. */
export async function fetchVariations(graphqlUrl: string, headers: Record<string, string>, count = 100): Promise<Variations> {
  const page = async (field: 'suppliers' | 'invoices') => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: `query Variations { ${field}(first: ${count}) { edges { cursor node { id } } } }` }),
    });
    const payload = (await response.json()) as { data?: Record<string, { edges: { cursor: string; node: { id: string } }[] }> };
    const edges = payload.data?.[field]?.edges;
    if (!edges?.length) throw new Error(`No ${field} to vary the workload with: ${JSON.stringify(payload).slice(0, 300)}`);
    return edges;
  };
  const [suppliers, invoices] = [await page('suppliers'), await page('invoices')];
  return {
    supplierIds: suppliers.map((edge) => edge.node.id),
    supplierCursors: suppliers.map((edge) => edge.cursor),
    invoiceCursors: invoices.map((edge) => edge.cursor),
  };
}

/**
 * The supplier-360 subject: among suppliers with contracts and received orders, the one with the
 * most payments (ties broken by id, so a dataset always yields the same one).
 */
export async function supplier360Subject(databaseUrl: string): Promise<string> {
  const client = await openDatabaseClient({ url: databaseUrl, maxConnections: 1 });
  try {
    const [row] = await executeSql<{ id: string }>(
      client,
      `select p.supplier_id as id from invoicing.payments p
        where exists (select 1 from contracts.contracts c where c.supplier_id = p.supplier_id)
          and exists (select 1 from procurement.purchase_orders o join procurement.receipts r on r.purchase_order_id = o.id where o.supplier_id = p.supplier_id)
        group by p.supplier_id order by count(*) desc, p.supplier_id limit 1`,
    );
    if (!row) throw new Error('The dataset has no supplier with payments, contracts and received orders');
    return row.id;
  } finally {
    await closeDatabaseClient(client);
  }
}
