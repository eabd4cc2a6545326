import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { SubmitInvoiceInput } from '../generated/graphql.ts';
import { createWorld, type DemoPurchaseOrder, type DemoSupplier } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { decimal, sum } from '@procuregraph/platform/money';
import { eventually, settled, startTestGraph, type TestGraph } from '../harness.ts';

/** Matching that follows the facts in the order they arrive, through the gateway. */
const world = createWorld({ scale: 'default' });
const suppliers = new Map([...world.suppliers()].map((supplier) => [supplier.id, supplier]));
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };
const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };

function receivedOf(order: DemoPurchaseOrder, lineNumber: number) {
  return sum(
    order.receipts.flatMap((receipt) =>
      receipt.lines.filter((line) => line.lineNumber === lineNumber).map((line) => line.quantityReceived),
    ),
  );
}

/** Fully received orders of active suppliers, under no contract and never invoiced: each test bills its own. */
const billable = (() => {
  const invoiced = new Set([...world.invoices()].map((invoice) => invoice.purchaseOrderId));
  return [...world.purchaseOrders()].filter(
    (order) =>
      suppliers.get(order.supplierId)!.status === 'ACTIVE' &&
      order.contractId === null &&
      !invoiced.has(order.id) &&
      order.lines.every((line) => receivedOf(order, line.lineNumber).greaterThanOrEqualTo(line.quantity)),
  );
})();

/** An order naming no contract (as every order from the ERP) of a supplier whose one ACTIVE contract prices an item on it. */
const underSupplierContract = (() => {
  const active = [...world.contracts()].filter((contract) => contract.status === 'ACTIVE');
  for (const order of world.purchaseOrders()) {
    if (order.contractId !== null || suppliers.get(order.supplierId)!.status !== 'ACTIVE') continue;
    const contracts = active.filter((contract) => contract.supplierId === order.supplierId);
    if (contracts.length !== 1) continue;
    const contract = contracts[0]!;
    const line = order.lines.find((candidate) => contract.priceTerms.some((term) => term.itemNumber === candidate.itemNumber));
    if (line) return { order, line, contract, term: contract.priceTerms.find((term) => term.itemNumber === line.itemNumber)! };
  }
  throw new Error('The demo world has no order under a supplier contract');
})();

/**
 * Two billable orders of one supplier under no contract at all (so only the tolerance judges the
 * price), neither of the orders the other tests bill, their first lines priced at 1.00 or more.
 */
const twoOrdersOfOneSupplier = (() => {
  const contracted = new Set([...world.contracts()].map((contract) => contract.supplierId));
  const spare = billable
    .slice(2)
    .filter((order) => !contracted.has(order.supplierId) && decimal(order.lines[0]!.unitPrice).greaterThanOrEqualTo(1));
  for (const order of spare) {
    const other = spare.find((candidate) => candidate !== order && candidate.supplierId === order.supplierId);
    if (other) return { supplier: suppliers.get(order.supplierId)!, orders: [order, other] as const };
  }
  throw new Error('The demo world has no supplier with two billable orders');
})();

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

const SUBMIT = graphql(`
  mutation InvoiceMatching1($input: SubmitInvoiceInput!) {
    submitInvoice(input: $input) {
      invoice {
        id
        status
        match {
          outcome
          contract {
            id
            number
          }
          exceptions {
            code
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

const INVOICE = graphql(`
  query InvoiceMatching2($id: ID!) {
    invoice(id: $id) {
      status
      match {
        outcome
        exceptions {
          code
        }
      }
      matchHistory {
        trigger
        outcome
        exceptionCodes
        evaluatedAt
        contract {
          id
        }
      }
    }
  }
`);

type Line = { lineNumber: number; itemNumber: string; quantity: string; unitPrice: string };

function submission(supplierId: string, purchaseOrderId: string | null, lines: Line[], overrides: Record<string, unknown> = {}) {
  return {
    supplierId,
    purchaseOrderId,
    invoiceNumber: `MT-${randomUUID().slice(0, 12)}`,
    invoiceDate: '2026-11-02',
    idempotencyKey: randomUUID(),
    lines,
    ...overrides,
  };
}

function linesOf(order: DemoPurchaseOrder): Line[] {
  return order.lines.map((line) => ({
    lineNumber: line.lineNumber,
    itemNumber: line.itemNumber,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
  }));
}

async function submit(input: SubmitInvoiceInput) {
  const { data, errors } = await graph.query(SUBMIT, { input }, finance);
  expect(errors).toBeUndefined();
  return data!.submitInvoice;
}

async function issueOrder(supplier: DemoSupplier) {
  const issued = await eventually(async () => {
    const answer = await graph.query(
      graphql(`
        mutation InvoiceMatching3($input: IssuePurchaseOrderInput!) {
          issuePurchaseOrder(input: $input) {
            purchaseOrder {
              id
            }
            userErrors {
              code
            }
          }
        }
      `),
      {
        input: {
          supplierId: supplier.id,
          idempotencyKey: randomUUID(),
          lines: [{ itemNumber: 'MT-TAPE-25', description: 'Surgical tape, 25 mm', quantity: '4', unitOfMeasure: 'BX', unitPrice: '3.25' }],
        },
      },
      buyer,
    );
    return answer.data?.issuePurchaseOrder.userErrors.length === 0
      ? (answer.data.issuePurchaseOrder.purchaseOrder!.id as string)
      : undefined;
  });
  return eventually(async () => {
    const { data } = await graph.query(
      graphql(`
        query InvoiceMatching4($id: ID!) {
          purchaseOrder(id: $id) {
            id
            status
            lines {
              lineNumber
              itemNumber
              quantity
              unitPrice {
                amount
              }
            }
          }
        }
      `),
      { id: issued },
    );
    return data!.purchaseOrder!.status === 'OPEN' ? data!.purchaseOrder! : undefined;
  });
}

describe('matching that follows the facts', () => {
  it(
    'matches an invoice sent before its receipt again when the receipt is recorded, keeping both evaluations',
    { timeout: 120_000 },
    async () => {
      const supplier = [...suppliers.values()].find((candidate) => candidate.status === 'ACTIVE' && candidate.erp !== null)!;
      const order = await issueOrder(supplier);
      // Invoicing has heard of the order; the receipt is still to come.
      await settled(graph.app, ['invoicing']);
      const lines = order!.lines.map(
        (line: { lineNumber: number; itemNumber: string; quantity: string; unitPrice: { amount: string } }) => ({
          ...line,
          unitPrice: line.unitPrice.amount,
        }),
      );
      const early = await submit(submission(supplier.id, order!.id, lines));
      expect(early.userErrors).toEqual([]);
      expect(early.invoice).toMatchObject({
        status: 'EXCEPTION',
        match: { outcome: 'EXCEPTION', exceptions: [{ code: 'NOT_RECEIVED', lineNumber: 1, expected: '0', actual: '4' }] },
      });

      const received = await graph.query(
        graphql(`
          mutation InvoiceMatching5($input: RecordReceiptInput!) {
            recordReceipt(input: $input) {
              userErrors {
                code
              }
            }
          }
        `),
        { input: { purchaseOrderId: order!.id, lines: [{ lineNumber: 1, quantityReceived: '4' }] } },
        buyer,
      );
      expect(received.data!.recordReceipt.userErrors).toEqual([]);

      const invoice = await eventually(async () => {
        const { data } = await graph.query(INVOICE, { id: early.invoice!.id }, finance);
        return data!.invoice!.status === 'MATCHED' ? data!.invoice! : undefined;
      });
      expect(invoice!.match).toEqual({ outcome: 'MATCHED', exceptions: [] });
      const history = invoice!.matchHistory as { trigger: string; outcome: string; exceptionCodes: string[]; evaluatedAt: string }[];
      expect(history[0]).toMatchObject({ trigger: 'INTAKE', outcome: 'EXCEPTION', exceptionCodes: ['NOT_RECEIVED'] });
      expect(history.at(-1)).toMatchObject({ outcome: 'MATCHED', exceptionCodes: [] });
      expect(['RECEIPT_RECORDED', 'PURCHASE_ORDER_CHANGED']).toContain(history.at(-1)!.trigger);
      expect(history.map((entry) => entry.evaluatedAt)).toEqual([...history.map((entry) => entry.evaluatedAt)].sort());
    },
  );

  it('holds an order that names no contract to the supplier contract covering its item, and names that contract', async () => {
    const { order, line, contract, term } = underSupplierContract;
    const dearer = decimal(term.unitPrice).plus('0.01').toFixed();
    // The contract's first day, on which it is in force.
    const invoiceDate = contract.effectiveFrom;
    const answer = await submit(
      submission(
        order.supplierId,
        order.id,
        [{ lineNumber: line.lineNumber, itemNumber: line.itemNumber, quantity: '1', unitPrice: dearer }],
        { invoiceDate },
      ),
    );
    expect(answer.userErrors).toEqual([]);
    expect(answer.invoice!.match!.contract).toEqual({ id: contract.id, number: contract.number });
    expect(answer.invoice!.match!.exceptions).toContainEqual({
      code: 'CONTRACT_PRICE_VARIANCE',
      lineNumber: line.lineNumber,
      expected: decimal(term.unitPrice).toFixed(),
      actual: dearer,
      message: `Unit price ${dearer} is above the price ${decimal(term.unitPrice).toFixed()} on contract ${contract.number}`,
    });
  });

  it("refuses an invoice quoting another supplier's order, which then matches for its own supplier as if nothing happened", async () => {
    const order = billable[0]!;
    const intruder = [...suppliers.values()].find((candidate) => candidate.status === 'ACTIVE' && candidate.id !== order.supplierId)!;
    const refused = await submit(submission(intruder.id, order.id, linesOf(order)));
    expect(refused).toEqual({
      invoice: null,
      userErrors: [
        {
          field: ['input', 'purchaseOrderId'],
          code: 'PURCHASE_ORDER_OF_ANOTHER_SUPPLIER',
          message: 'The purchase order was placed with another supplier',
        },
      ],
    });
    const own = await submit(submission(order.supplierId, order.id, linesOf(order)));
    expect(own.invoice).toMatchObject({ status: 'MATCHED', match: { outcome: 'MATCHED', exceptions: [] } });
  });

  it('takes ten simultaneous submissions of one invoice number, in different spellings, as one invoice', async () => {
    const order = billable[1]!;
    const digits = `1${randomUUID().replace(/\D/g, '').slice(0, 7)}`;
    const spellings = Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? `AP-${digits}` : ` ap 00${digits}`));
    const answers = await Promise.all(
      spellings.map((invoiceNumber) => submit(submission(order.supplierId, order.id, linesOf(order), { invoiceNumber }))),
    );
    const stored = answers.filter((answer) => answer.invoice !== null);
    expect(stored).toHaveLength(1);
    expect(answers.filter((answer) => answer.userErrors[0]?.code === 'DUPLICATE_INVOICE')).toHaveLength(9);
    const { data } = await graph.query(
      graphql(`
        query InvoiceMatching6($id: ID!) {
          purchaseOrder(id: $id) {
            invoices(first: 20) {
              totalCount
              nodes {
                id
              }
            }
          }
        }
      `),
      { id: order.id },
      finance,
    );
    expect(data!.purchaseOrder!.invoices).toEqual({ totalCount: 1, nodes: [{ id: stored[0]!.invoice!.id }] });
  });

  it(
    'matches with the tolerance set for the supplier, else for its category: exactly at it passes, a cent over fails',
    { timeout: 120_000 },
    async () => {
      const { supplier, orders } = twoOrdersOfOneSupplier;
      const SET = graphql(`
        mutation InvoiceMatching7($input: SetMatchToleranceInput!) {
          setMatchTolerance(input: $input) {
            tolerance {
              supplier {
                id
              }
              supplierCategory
              pricePct
              priceAmount
              quantityPct
            }
            userErrors {
              code
            }
          }
        }
      `);
      const refused = await graph.query(SET, { input: { supplierCategory: supplier.category, pricePct: '10', quantityPct: '0' } }, buyer);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const byCategory = await graph.query(
        SET,
        { input: { supplierCategory: supplier.category, pricePct: '10', priceAmount: '0.05', quantityPct: '0' } },
        finance,
      );
      expect(byCategory.data!.setMatchTolerance).toEqual({
        tolerance: { supplier: null, supplierCategory: supplier.category, pricePct: '10', priceAmount: '0.05', quantityPct: '0' },
        userErrors: [],
      });
      const atTolerance = (order: DemoPurchaseOrder, over: string) =>
        linesOf(order).map((line, index) => (index === 0 ? { ...line, unitPrice: decimal(line.unitPrice).plus(over).toFixed() } : line));
      expect((await submit(submission(supplier.id, orders[0].id, atTolerance(orders[0], '0.05')))).invoice!.status).toBe('MATCHED');

      const bySupplier = await graph.query(
        SET,
        { input: { supplierId: supplier.id, pricePct: '10', priceAmount: '0.04', quantityPct: '0' } },
        finance,
      );
      expect(bySupplier.data!.setMatchTolerance.userErrors).toEqual([]);
      const over = await submit(submission(supplier.id, orders[1].id, atTolerance(orders[1], '0.05')));
      expect(over.invoice!.match!.exceptions.map((exception) => [exception.code, exception.lineNumber])).toEqual([
        ['PRICE_VARIANCE', orders[1].lines[0]!.lineNumber],
      ]);

      const { data } = await graph.query(
        graphql(`
          query InvoiceMatching8 {
            matchTolerances {
              defaults {
                pricePct
                priceAmount
                quantityPct
                updatedAt
              }
              set {
                supplier {
                  id
                }
                supplierCategory
                priceAmount
              }
            }
          }
        `),
        {},
        finance,
      );
      expect(data!.matchTolerances.defaults).toEqual({ pricePct: '2', priceAmount: null, quantityPct: '0', updatedAt: null });
      expect(data!.matchTolerances.set).toEqual([
        { supplier: { id: supplier.id }, supplierCategory: null, priceAmount: '0.04' },
        { supplier: null, supplierCategory: supplier.category, priceAmount: '0.05' },
      ]);
    },
  );

  it(
    'holds tax plus freight to the allowance on the goods amount: exactly at it passes, a cent over is TAX_FREIGHT_OVER_ALLOWANCE',
    { timeout: 120_000 },
    async () => {
      const supplier = [...world.suppliers()].find(
        (candidate) => candidate.status === 'ACTIVE' && candidate.category !== twoOrdersOfOneSupplier.supplier.category,
      )!;
      const CHARGED = graphql(`
        mutation InvoiceMatching9($input: SubmitInvoiceInput!) {
          submitInvoice(input: $input) {
            invoice {
              total {
                amount
              }
              taxAmount {
                amount
              }
              freightAmount {
                amount
              }
              match {
                exceptions {
                  code
                  queue
                  expected
                  actual
                }
              }
            }
            userErrors {
              field
              code
            }
          }
        }
      `);
      // Billing no order: NO_PURCHASE_ORDER always, so the allowance is the only difference between the cases.
      const charged = async (taxAmount: string, freightAmount: string) =>
        (
          await graph.query(
            CHARGED,
            {
              input: {
                supplierId: supplier.id,
                invoiceNumber: `TF-${randomUUID().slice(0, 10)}`,
                invoiceDate: '2026-11-02',
                lines: [{ lineNumber: 1, itemNumber: 'SVC-CAL', quantity: '4', unitPrice: '25.00' }],
                taxAmount,
                freightAmount,
              },
            },
            finance,
          )
        ).data!.submitInvoice;
      const noOrder = { code: 'NO_PURCHASE_ORDER', queue: 'BUYER', expected: 'a purchase order of the supplier', actual: null };

      const atDefault = await charged('4.00', '6.00');
      expect(atDefault.invoice).toEqual({
        total: { amount: '110.00' },
        taxAmount: { amount: '4.00' },
        freightAmount: { amount: '6.00' },
        match: { exceptions: [noOrder] },
      });
      const overDefault = await charged('4.01', '6.00');
      expect(overDefault.invoice!.match!.exceptions).toEqual([
        noOrder,
        { code: 'TAX_FREIGHT_OVER_ALLOWANCE', queue: 'ACCOUNTS_PAYABLE', expected: '10', actual: '10.01' },
      ]);

      const set = await graph.query(
        graphql(`
          mutation InvoiceMatching10($input: SetMatchToleranceInput!) {
            setMatchTolerance(input: $input) {
              tolerance {
                taxFreightPct
                taxFreightAmount
              }
              userErrors {
                code
              }
            }
          }
        `),
        { input: { supplierId: supplier.id, pricePct: '2', quantityPct: '0', taxFreightPct: '10', taxFreightAmount: '7.50' } },
        finance,
      );
      expect(set.data!.setMatchTolerance).toEqual({ tolerance: { taxFreightPct: '10', taxFreightAmount: '7.5' }, userErrors: [] });
      expect((await charged('2.50', '5.00')).invoice!.match!.exceptions).toEqual([noOrder]);
      expect((await charged('2.51', '5.00')).invoice!.match!.exceptions).toEqual([
        noOrder,
        { code: 'TAX_FREIGHT_OVER_ALLOWANCE', queue: 'ACCOUNTS_PAYABLE', expected: '7.5', actual: '7.51' },
      ]);
      expect(await charged('-1', '0.001')).toEqual({
        invoice: null,
        userErrors: [
          { field: ['input', 'taxAmount'], code: 'INVALID_AMOUNT' },
          { field: ['input', 'freightAmount'], code: 'INVALID_AMOUNT' },
        ],
      });
    },
  );
});
