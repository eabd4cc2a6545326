import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { SubmitCreditMemoInput } from '../generated/graphql.ts';
import { createWorld, type DemoPurchaseOrder } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { ExactDecimal, decimal, sum } from '@procuregraph/platform/money';
import { startTestGraph, type TestGraph } from '../harness.ts';

/** Credit memos for the credit finance requested on a match exception, through the gateway. */
const world = createWorld({ scale: 'default' });
const suppliers = new Map([...world.suppliers()].map((supplier) => [supplier.id, supplier]));
const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };

function receivedOf(order: DemoPurchaseOrder, lineNumber: number) {
  return sum(
    order.receipts.flatMap((receipt) =>
      receipt.lines.filter((line) => line.lineNumber === lineNumber).map((line) => line.quantityReceived),
    ),
  );
}

/** Fully received, never invoiced orders of active suppliers under no contract, whose first line bills more than 2.00. */
const billable = (() => {
  const invoiced = new Set([...world.invoices()].map((invoice) => invoice.purchaseOrderId));
  const contracted = new Set([...world.contracts()].map((contract) => contract.supplierId));
  return [...world.purchaseOrders()].filter(
    (order) =>
      suppliers.get(order.supplierId)!.status === 'ACTIVE' &&
      order.contractId === null &&
      !contracted.has(order.supplierId) &&
      !invoiced.has(order.id) &&
      decimal(order.lines[0]!.quantity).times(order.lines[0]!.unitPrice).greaterThan(2) &&
      order.lines.every((line) => receivedOf(order, line.lineNumber).greaterThanOrEqualTo(line.quantity)),
  );
})();

/** Three orders, the first two of two different suppliers. */
const [orderA, orderB, orderC] = (() => {
  const first = billable[0]!;
  const second = billable.find((order) => order.supplierId !== first.supplierId)!;
  return [first, second, billable.find((order) => order !== first && order.supplierId !== second.supplierId)!] as const;
})();

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

const SUBMIT_INVOICE = graphql(`
  mutation CreditMemos1($input: SubmitInvoiceInput!) {
    submitInvoice(input: $input) {
      invoice {
        id
        status
        match {
          exceptions {
            id
            code
            lineNumber
          }
        }
      }
      userErrors {
        code
      }
    }
  }
`);

const RESOLVE = graphql(`
  mutation CreditMemos2($input: ResolveMatchExceptionInput!) {
    resolveMatchException(input: $input) {
      userErrors {
        code
      }
    }
  }
`);

const APPROVE = graphql(`
  mutation CreditMemos3($id: ID!) {
    approveInvoice(id: $id) {
      invoice {
        status
      }
      userErrors {
        code
      }
    }
  }
`);

const SUBMIT_CREDIT_MEMO = graphql(`
  mutation CreditMemos4($input: SubmitCreditMemoInput!) {
    submitCreditMemo(input: $input) {
      creditMemo {
        id
        creditMemoNumber
        creditMemoDate
        amount {
          amount
          currency
        }
        invoice {
          id
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`);

const CREDIT = graphql(`
  query CreditMemos5($id: ID!) {
    invoice(id: $id) {
      status
      creditExpected {
        amount
      }
      creditMemos {
        creditMemoNumber
        amount {
          amount
        }
      }
    }
  }
`);

function linesOf(order: DemoPurchaseOrder, firstLinePrice?: string) {
  return order.lines.map((line, index) => ({
    lineNumber: line.lineNumber,
    itemNumber: line.itemNumber,
    quantity: line.quantity,
    unitPrice: index === 0 && firstLinePrice ? firstLinePrice : line.unitPrice,
  }));
}

/** Line amounts are rounded half-up to the cent, as the invoice prints them. */
function cents(value: ExactDecimal) {
  return value.toDecimalPlaces(2, ExactDecimal.ROUND_HALF_UP);
}

async function submitInvoice(order: DemoPurchaseOrder, firstLinePrice?: string) {
  const { data, errors } = await graph.query(
    SUBMIT_INVOICE,
    {
      input: {
        supplierId: order.supplierId,
        purchaseOrderId: order.id,
        invoiceNumber: `CM-INV-${randomUUID().slice(0, 8)}`,
        invoiceDate: '2026-11-02',
        idempotencyKey: randomUUID(),
        lines: linesOf(order, firstLinePrice),
      },
    },
    finance,
  );
  expect(errors).toBeUndefined();
  return data!.submitInvoice.invoice!;
}

async function submitCreditMemo(input: SubmitCreditMemoInput, caller: UserCaller = finance) {
  const { data, errors } = await graph.query(SUBMIT_CREDIT_MEMO, { input }, caller);
  expect(errors).toBeUndefined();
  return data!.submitCreditMemo;
}

async function approve(id: string) {
  return (await graph.query(APPROVE, { id }, finance)).data!.approveInvoice;
}

async function credit(id: string) {
  return (await graph.query(CREDIT, { id }, finance)).data!.invoice!;
}

function memo(invoiceId: string, creditMemoNumber: string, amount: string, overrides: Partial<SubmitCreditMemoInput> = {}) {
  return { invoiceId, creditMemoNumber, creditMemoDate: '2026-11-09', amount, ...overrides };
}

/** An invoice of the order billing its first line at twice the price, the variance resolved by "credit memo requested". */
async function invoiceAwaitingCredit(order: DemoPurchaseOrder) {
  const line = order.lines[0]!;
  const invoice = await submitInvoice(order, decimal(line.unitPrice).times(2).toFixed());
  expect(invoice.status).toBe('EXCEPTION');
  expect(invoice.match!.exceptions.map(({ code, lineNumber }) => ({ code, lineNumber }))).toEqual([
    { code: 'PRICE_VARIANCE', lineNumber: line.lineNumber },
  ]);
  const resolved = await graph.query(
    RESOLVE,
    { input: { exceptionId: invoice.match!.exceptions[0]!.id, action: 'REQUEST_CREDIT_MEMO', reason: 'Billed above the order price' } },
    finance,
  );
  expect(resolved.data!.resolveMatchException.userErrors).toEqual([]);
  // The variance amount: the line billed at the doubled price less the line at the order's price.
  const expected = cents(decimal(line.quantity).times(line.unitPrice).times(2)).minus(cents(decimal(line.quantity).times(line.unitPrice)));
  return { invoice, expected };
}

describe('credit memos', () => {
  it('keeps an invoice unapprovable until its credit memos bring the credit requested, then approves it', async () => {
    const { invoice, expected } = await invoiceAwaitingCredit(orderA);
    expect(await approve(invoice.id)).toEqual({ invoice: { status: 'EXCEPTION' }, userErrors: [{ code: 'CREDIT_MEMO_PENDING' }] });
    expect(await credit(invoice.id)).toEqual({ status: 'EXCEPTION', creditExpected: { amount: expected.toFixed(2) }, creditMemos: [] });

    const partial = await submitCreditMemo(memo(invoice.id, 'CM-0001', '1.00', { idempotencyKey: `cm-${invoice.id}` }));
    expect(partial).toEqual({
      creditMemo: {
        id: partial.creditMemo!.id,
        creditMemoNumber: 'CM-0001',
        creditMemoDate: '2026-11-09',
        amount: { amount: '1.00', currency: 'USD' },
        invoice: { id: invoice.id },
      },
      userErrors: [],
    });
    const rest = expected.minus(1).toFixed(2);
    expect(await credit(invoice.id)).toEqual({
      status: 'EXCEPTION',
      creditExpected: { amount: rest },
      creditMemos: [{ creditMemoNumber: 'CM-0001', amount: { amount: '1.00' } }],
    });
    expect((await approve(invoice.id)).userErrors).toEqual([{ code: 'CREDIT_MEMO_PENDING' }]);

    // A retry with the same key and input is the same credit memo; other input under that key is refused.
    const retried = await submitCreditMemo(memo(invoice.id, 'CM-0001', '1.00', { idempotencyKey: `cm-${invoice.id}` }));
    expect(retried.creditMemo!.id).toBe(partial.creditMemo!.id);
    expect((await submitCreditMemo(memo(invoice.id, 'CM-0009', '1.00', { idempotencyKey: `cm-${invoice.id}` }))).userErrors).toEqual([
      { field: ['input', 'idempotencyKey'], code: 'IDEMPOTENCY_KEY_REUSED' },
    ]);
    expect((await submitCreditMemo(memo(invoice.id, 'cm 1', rest))).userErrors).toEqual([
      { field: ['input', 'creditMemoNumber'], code: 'DUPLICATE_CREDIT_MEMO' },
    ]);
    expect((await submitCreditMemo(memo(invoice.id, 'CM-0002', decimal(rest).plus('0.01').toFixed(2)))).userErrors).toEqual([
      { field: ['input', 'amount'], code: 'OVER_CREDIT' },
    ]);

    // The supplier sends the rest itself.
    const own: UserCaller = { kind: 'supplier', subject: 'supplier-a@vendor.example', role: 'supplier', supplierId: orderA.supplierId };
    expect((await submitCreditMemo(memo(invoice.id, 'CM-0002', rest), own)).userErrors).toEqual([]);
    expect(await credit(invoice.id)).toEqual({
      status: 'EXCEPTION',
      creditExpected: { amount: '0.00' },
      creditMemos: [
        { creditMemoNumber: 'CM-0001', amount: { amount: '1.00' } },
        { creditMemoNumber: 'CM-0002', amount: { amount: rest } },
      ],
    });
    expect(await approve(invoice.id)).toEqual({ invoice: { status: 'APPROVED' }, userErrors: [] });
  });

  it('refuses what is not a credit memo for a credit requested, with a code, and stores nothing', async () => {
    const { invoice, expected } = await invoiceAwaitingCredit(orderC);
    const otherSupplier: UserCaller = {
      kind: 'supplier',
      subject: 'supplier-b@vendor.example',
      role: 'supplier',
      supplierId: orderB.supplierId,
    };
    expect((await submitCreditMemo(memo(invoice.id, 'CMX-1', '1.00'), otherSupplier)).userErrors).toEqual([
      { field: ['input', 'invoiceId'], code: 'INVOICE_NOT_FOUND' },
    ]);
    expect((await submitCreditMemo(memo(randomUUID(), 'CMX-1', '1.00'))).userErrors).toEqual([
      { field: ['input', 'invoiceId'], code: 'INVOICE_NOT_FOUND' },
    ]);
    const matched = await submitInvoice(orderB);
    expect(matched.status).toBe('MATCHED');
    expect((await submitCreditMemo(memo(matched.id, 'CMX-1', '1.00'))).userErrors).toEqual([
      { field: ['input', 'invoiceId'], code: 'NO_CREDIT_MEMO_REQUESTED' },
    ]);
    for (const amount of ['0', '-1.00', '1.001']) {
      expect((await submitCreditMemo(memo(invoice.id, 'CMX-1', amount))).userErrors).toEqual([
        { field: ['input', 'amount'], code: 'INVALID_AMOUNT' },
      ]);
    }
    expect((await submitCreditMemo(memo(invoice.id, '  ', '1.00'))).userErrors).toEqual([
      { field: ['input', 'creditMemoNumber'], code: 'REQUIRED' },
    ]);
    expect(await credit(invoice.id)).toEqual({ status: 'EXCEPTION', creditExpected: { amount: expected.toFixed(2) }, creditMemos: [] });
  });
});
