import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import { graphql } from '../generated/gql.ts';
import { eventually, startTestGraph, type TestGraph } from '../harness.ts';

/** The mutations of workflow 2 through the gateway; the ERP and portal sync is covered in subgraphs/procurement/workflow.test.ts. */
const world = createWorld({ scale: 'default' });
const suppliers = [...world.suppliers()];
const activeSupplier = suppliers.find((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null)!;
const pendingSupplier = suppliers.find((supplier) => supplier.status === 'PENDING_APPROVAL')!;
const openOrder = [...world.purchaseOrders()].find((order) => order.status === 'OPEN' && order.receipts.length === 0)!;

const ISSUE = graphql(`
  mutation IssuePurchaseOrder($input: IssuePurchaseOrderInput!) {
    issuePurchaseOrder(input: $input) {
      purchaseOrder {
        id
        number
        status
        total {
          amount
          currency
        }
        lines {
          lineNumber
          quantity
          unitPrice {
            amount
          }
          amount {
            amount
          }
        }
        supplier {
          id
        }
        publication {
          state
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const RECEIVE = graphql(`
  mutation RecordReceipt($input: RecordReceiptInput!) {
    recordReceipt(input: $input) {
      receipt {
        id
        receivedAt
        lines {
          lineNumber
          quantityReceived
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`);

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

function issueInput(
  supplierId: string,
  lines = [{ itemNumber: 'GLV-NIT-100', description: 'Nitrile gloves', quantity: '3', unitOfMeasure: 'BX', unitPrice: '19.99' }],
) {
  return { input: { supplierId, idempotencyKey: randomUUID(), lines } };
}

describe('issuePurchaseOrder through the gateway', () => {
  it('accepts an order for an active supplier with exact amounts, as DRAFT until the ERP numbers it', async () => {
    const { data, errors } = await graph.query(ISSUE, issueInput(activeSupplier.id));
    expect(errors).toBeUndefined();
    expect(data!.issuePurchaseOrder.userErrors).toEqual([]);
    expect(data!.issuePurchaseOrder.purchaseOrder).toMatchObject({
      number: null,
      status: 'DRAFT',
      total: { amount: '59.97', currency: 'USD' },
      lines: [{ lineNumber: 1, quantity: '3', unitPrice: { amount: '19.99' }, amount: { amount: '59.97' } }],
      supplier: { id: activeSupplier.id },
      publication: { state: 'PENDING' },
    });
  });

  it('answers rule violations as user errors with codes', async () => {
    const inactive = await graph.query(ISSUE, issueInput(pendingSupplier.id));
    expect(inactive.data!.issuePurchaseOrder).toEqual({
      purchaseOrder: null,
      userErrors: [expect.objectContaining({ code: 'SUPPLIER_NOT_ACTIVE', field: ['input', 'supplierId'] })],
    });
    const badLine = await graph.query(
      ISSUE,
      issueInput(activeSupplier.id, [{ itemNumber: 'X', description: 'X', quantity: '-1', unitOfMeasure: 'EA', unitPrice: '0' }]),
    );
    expect(badLine.data!.issuePurchaseOrder.userErrors.map((error) => error.code)).toEqual(['INVALID_QUANTITY', 'INVALID_PRICE']);
  });

  it('is refused to callers without the procurement role', async () => {
    const { errors } = await graph.query(ISSUE, issueInput(activeSupplier.id), { kind: 'staff', subject: 'fin', role: 'finance' });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('an issued order travels to the ERP and the supplier portal, and back', () => {
  it('gets its number from the ERP, appears on the portal, and turns ACKNOWLEDGED when the supplier acknowledges it there', async () => {
    const issued = await graph.query(ISSUE, issueInput(activeSupplier.id));
    const id = issued.data!.issuePurchaseOrder.purchaseOrder!.id;
    const read = async () =>
      (
        await graph.query(
          graphql(`
            query PurchaseOrderPublication($id: ID!) {
              purchaseOrder(id: $id) {
                number
                status
                publication {
                  state
                }
                syncStatus {
                  system
                  state
                }
              }
            }
          `),
          { id },
        )
      ).data!.purchaseOrder!;

    // The portal job records the publication, then its runtime marks the sync done in a
    // transaction of its own: both are awaited.
    const published = await eventually(async () => {
      const order = await read();
      const synced = order.syncStatus.filter((sync) => sync.state === 'SYNCED').length === 2;
      return order.status === 'OPEN' && order.publication!.state === 'PUBLISHED' && synced ? order : undefined;
    });
    expect(published.number).toMatch(/\S+/);
    expect(published.syncStatus).toEqual(
      expect.arrayContaining([
        { system: 'ERP', state: 'SYNCED' },
        { system: 'VENDOR_PLATFORM', state: 'SYNCED' },
      ]),
    );

    const erp = await fetch(
      `${graph.app.systems.erpUrl}/fscmRestApi/resources/11.13.18.05/purchaseOrders?q=OrderNumber=${encodeURIComponent(published.number!)}`,
    );
    expect(((await erp.json()) as { count: number }).count).toBe(1);

    const portal = await fetch(`${graph.app.systems.vendorPlatformUrl}/api/v1/portal/purchase-orders/${id}`);
    expect(portal.status).toBe(200);
    expect(await portal.json()).toMatchObject({ poNumber: published.number, registrationId: activeSupplier.vendorPlatform.registrationId });

    const acknowledged = await fetch(`${graph.app.systems.vendorPlatformUrl}/api/v1/portal/purchase-orders/${id}/acknowledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response: 'accepted' }),
    });
    expect(acknowledged.status).toBe(200);
    await eventually(async () => ((await read()).publication!.state === 'ACKNOWLEDGED' ? true : undefined));
  });
});

describe('recordReceipt through the gateway', () => {
  it('records a receipt against an open order and refuses over-receipt', async () => {
    const line = openOrder.lines[0]!;
    const over = await graph.query(RECEIVE, {
      input: { purchaseOrderId: openOrder.id, lines: [{ lineNumber: line.lineNumber, quantityReceived: `${Number(line.quantity) + 1}` }] },
    });
    expect(over.data!.recordReceipt.userErrors.map((error) => error.code)).toEqual(['OVER_RECEIPT']);
    const { data } = await graph.query(RECEIVE, {
      input: { purchaseOrderId: openOrder.id, lines: [{ lineNumber: line.lineNumber, quantityReceived: '1' }] },
    });
    expect(data!.recordReceipt.userErrors).toEqual([]);
    expect(data!.recordReceipt.receipt!.lines).toEqual([{ lineNumber: line.lineNumber, quantityReceived: '1' }]);
    const order = await graph.query(
      graphql(`
        query PurchaseOrderReceipts($id: ID!) {
          purchaseOrder(id: $id) {
            status
            receipts {
              id
            }
          }
        }
      `),
      { id: openOrder.id },
    );
    expect(order.data!.purchaseOrder!.status).toBe(
      Number(line.quantity) === 1 && openOrder.lines.length === 1 ? 'RECEIVED' : 'PARTIALLY_RECEIVED',
    );
    expect(order.data!.purchaseOrder!.receipts.map((receipt) => receipt.id)).toContain(data!.recordReceipt.receipt!.id);
  });
});
