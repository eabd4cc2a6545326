import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type DemoPurchaseOrder, type DemoSupplier } from '@procuregraph/demo';
import { newId } from '@procuregraph/platform/db';
import { decimal, sum } from '@procuregraph/platform/money';
import type { UserCaller } from '@procuregraph/platform/auth';
import { graphql } from '../generated/gql.ts';
import type { SubmitInvoiceInput } from '../generated/graphql.ts';
import { startTestGraph, type TestGraph } from '../harness.ts';

/** Invoice intake, matching and exception work through the gateway, as frontends and partners use them. */
const world = createWorld({ scale: 'default' });
const suppliers = new Map([...world.suppliers()].map((supplier) => [supplier.id, supplier]));
const finance: UserCaller = { kind: 'staff', subject: 'ap-clerk', role: 'finance' };

/** Fully received orders of active suppliers, not under contract and never invoiced: each test bills its own. */
const billable: { order: DemoPurchaseOrder; supplier: DemoSupplier }[] = (() => {
  const invoiced = new Set([...world.invoices()].map((invoice) => invoice.purchaseOrderId));
  return [...world.purchaseOrders()]
    .filter((order) => {
      const received = (lineNumber: number) =>
        sum(
          order.receipts.flatMap((receipt) =>
            receipt.lines.filter((line) => line.lineNumber === lineNumber).map((line) => line.quantityReceived),
          ),
        );
      return (
        suppliers.get(order.supplierId)!.status === 'ACTIVE' &&
        order.contractId === null &&
        !invoiced.has(order.id) &&
        order.lines.every((line) => received(line.lineNumber).greaterThanOrEqualTo(line.quantity))
      );
    })
    .map((order) => ({ order, supplier: suppliers.get(order.supplierId)! }));
})();

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

const SUBMIT = graphql(`
  mutation SubmitInvoice($input: SubmitInvoiceInput!) {
    submitInvoice(input: $input) {
      invoice {
        id
        invoiceNumber
        status
        total {
          amount
          currency
        }
        supplier {
          legalName
        }
        purchaseOrder {
          number
        }
        lines {
          lineNumber
          itemNumber
          quantity
          unitPrice {
            amount
          }
          amount {
            amount
          }
        }
        match {
          outcome
          exceptions {
            id
            code
            queue
            lineNumber
            expected
            actual
            message
          }
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const APPROVE = graphql(`
  mutation ApproveInvoiceErrors($id: ID!) {
    approveInvoice(id: $id) {
      userErrors {
        code
      }
    }
  }
`);

function input(order: DemoPurchaseOrder, overrides: Partial<SubmitInvoiceInput> = {}): SubmitInvoiceInput {
  return {
    supplierId: order.supplierId,
    purchaseOrderId: order.id,
    invoiceNumber: `E2E-${newId().slice(-12)}`,
    invoiceDate: order.orderDate,
    lines: order.lines.map((line) => ({
      lineNumber: line.lineNumber,
      itemNumber: line.itemNumber,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
    })),
    idempotencyKey: newId(),
    ...overrides,
  };
}

describe('invoices through the gateway', () => {
  it('submits a matching invoice with fields from other subgraphs, idempotently, and approves it', async () => {
    const { order, supplier } = billable[0]!;
    const request = input(order);
    const { data, errors } = await graph.query(SUBMIT, { input: request }, finance);
    expect(errors).toBeUndefined();
    const invoice = data!.submitInvoice.invoice!;
    expect(invoice).toMatchObject({
      invoiceNumber: request.invoiceNumber,
      status: 'MATCHED',
      total: { amount: decimal(order.total).toFixed(2), currency: 'USD' },
      supplier: { legalName: supplier.legalName },
      purchaseOrder: { number: order.number },
      match: { outcome: 'MATCHED', exceptions: [] },
    });
    expect(invoice.lines).toHaveLength(order.lines.length);
    expect((await graph.query(SUBMIT, { input: request }, finance)).data!.submitInvoice.invoice!.id).toBe(invoice.id);
    expect(
      (await graph.query(SUBMIT, { input: { ...request, invoiceDate: '2020-01-01' } }, finance)).data!.submitInvoice.userErrors,
    ).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED', field: ['input', 'idempotencyKey'] })]);
    const approved = await graph.query(
      graphql(`
        mutation ApproveInvoiceWithSync($id: ID!) {
          approveInvoice(id: $id) {
            invoice {
              status
              syncStatus {
                system
                state
              }
            }
            userErrors {
              code
            }
          }
        }
      `),
      { id: invoice.id },
      finance,
    );
    expect(approved.data!.approveInvoice).toMatchObject({ invoice: { status: 'APPROVED' }, userErrors: [] });
    expect(approved.data!.approveInvoice.invoice!.syncStatus).toEqual(expect.arrayContaining([expect.objectContaining({ system: 'ERP' })]));
  });

  it('turns match failures into queued exceptions that finance resolves before approving', async () => {
    const { order } = billable[1]!;
    const [line] = order.lines;
    const request = input(order, {
      lines: [
        {
          lineNumber: line!.lineNumber,
          itemNumber: line!.itemNumber,
          quantity: line!.quantity,
          unitPrice: decimal(line!.unitPrice).times('1.1').toFixed(2),
        },
      ],
    });
    const invoice = (await graph.query(SUBMIT, { input: request }, finance)).data!.submitInvoice.invoice!;
    expect(invoice.status).toBe('EXCEPTION');
    expect(invoice.match!.exceptions).toEqual([
      expect.objectContaining({
        code: 'PRICE_VARIANCE',
        queue: 'BUYER',
        lineNumber: line!.lineNumber,
        expected: decimal(line!.unitPrice).toFixed(),
      }),
    ]);

    const queue = await graph.query(
      graphql(`
        query BuyerQueue {
          invoices(first: 200, filter: { queue: BUYER }) {
            nodes {
              id
            }
          }
        }
      `),
      {},
      finance,
    );
    expect(queue.data!.invoices.nodes).toContainEqual({ id: invoice.id });
    const notYet = await graph.query(APPROVE, { id: invoice.id }, finance);
    expect(notYet.data!.approveInvoice.userErrors).toEqual([{ code: 'NOT_APPROVABLE' }]);

    const resolved = await graph.query(
      graphql(`
        mutation ResolveMatchException($input: ResolveMatchExceptionInput!) {
          resolveMatchException(input: $input) {
            exception {
              resolution
              resolvedBy
              resolutionReason
              resolvedAt
            }
            userErrors {
              code
            }
          }
        }
      `),
      { input: { exceptionId: invoice.match!.exceptions[0]!.id, action: 'OVERRIDE', reason: 'Freight surcharge agreed' } },
      finance,
    );
    expect(resolved.data!.resolveMatchException).toMatchObject({
      exception: { resolution: 'OVERRIDDEN', resolvedBy: finance.subject, resolutionReason: 'Freight surcharge agreed' },
      userErrors: [],
    });
    const approved = await graph.query(
      graphql(`
        mutation ApproveInvoice($id: ID!) {
          approveInvoice(id: $id) {
            invoice {
              status
            }
            userErrors {
              code
            }
          }
        }
      `),
      { id: invoice.id },
      finance,
    );
    expect(approved.data!.approveInvoice).toEqual({ invoice: { status: 'APPROVED' }, userErrors: [] });
  });

  it('lets a supplier submit and see only its own invoices', async () => {
    const { order, supplier } = billable[2]!;
    const own: UserCaller = { kind: 'supplier', subject: 'supplier-user', role: 'supplier', supplierId: supplier.id };
    const submitted = await graph.query(SUBMIT, { input: input(order) }, own);
    expect(submitted.data!.submitInvoice.invoice!.status).toBe('MATCHED');
    const other = [...suppliers.values()].find((candidate) => candidate.id !== supplier.id)!;
    const forbidden = await graph.query(SUBMIT, { input: input(order, { supplierId: other.id }) }, own);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approve = await graph.query(APPROVE, { id: submitted.data!.submitInvoice.invoice!.id }, own);
    expect(approve.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers unusable input with user errors, never an internal error', async () => {
    const { order } = billable[3]!;
    const { data, errors } = await graph.query(
      SUBMIT,
      { input: input(order, { invoiceNumber: '', lines: [{ lineNumber: 0, itemNumber: ' ', quantity: '-2', unitPrice: '-0.01' }] }) },
      finance,
    );
    expect(errors).toBeUndefined();
    expect(data!.submitInvoice.invoice).toBeNull();
    expect(data!.submitInvoice.userErrors.map((error) => error.code).sort()).toEqual([
      'INVALID_LINE_NUMBER',
      'INVALID_PRICE',
      'INVALID_QUANTITY',
      'REQUIRED',
      'REQUIRED',
    ]);
  });
});
