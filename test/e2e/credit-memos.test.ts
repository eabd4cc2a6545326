import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import type { SubmitCreditMemoInput } from '../generated/graphql.ts';
import { createWorld, type DemoPurchaseOrder } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { ExactDecimal, decimal, sum } from '@procuregraph/platform/money';
import { eventually, settled, startTestGraph, type TestGraph } from '../harness.ts';

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
/** Two more, for the credit memos that go to ERP payables. */
const [orderD, orderE] = billable.filter((order) => ![orderA, orderB, orderC].includes(order));

/**
 * For netting: a line of another order of a supplier in the ERP and a number of units received
 * whose value at the order price leaves room for a 150.00 price variance and freight within the
 * 10% allowance in an invoice of exactly 1000.00.
 */
const netting = (() => {
  for (const order of world.purchaseOrders()) {
    const supplier = suppliers.get(order.supplierId)!;
    if (
      supplier.status !== 'ACTIVE' ||
      supplier.erp === null ||
      order.contractId !== null ||
      [orderA, orderB, orderC, orderD, orderE].includes(order)
    )
      continue;
    if ([...world.contracts()].some((contract) => contract.supplierId === order.supplierId)) continue;
    if ([...world.invoices()].some((invoice) => invoice.purchaseOrderId === order.id)) continue;
    for (const line of order.lines)
      for (const units of ['1', '2', '3', '5', '6', '10']) {
        const goods = decimal(units).times(line.unitPrice);
        if (receivedOf(order, line.lineNumber).lessThan(units) || goods.lessThan(760) || goods.greaterThan(850)) continue;
        return {
          order,
          line,
          units,
          unitPrice: decimal(line.unitPrice).plus(decimal('150').dividedBy(units)).toFixed(),
          freight: decimal('850').minus(goods).toFixed(2),
        };
      }
  }
  throw new Error('The demo world has no order line to net a credit memo against');
})();

const ERP_INVOICES = '/fscmRestApi/resources/11.13.18.05/invoices';

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

const CREDIT_MEMOS_IN_ERP = graphql(`
  query CreditMemos6($id: ID!) {
    invoice(id: $id) {
      invoiceNumber
      creditMemos {
        id
        creditMemoNumber
        erpInvoiceId
        syncStatus {
          system
          state
          attempts
          lastError
        }
      }
    }
  }
`);

/** What the tests read of an ERP payables invoice or credit memo. */
interface ErpPayablesInvoice {
  InvoiceId: number;
  InvoiceNumber: string;
  InvoiceType: string;
  InvoiceAmount: string;
  PaidStatus: string;
  AmountRemaining: string;
  SupplierId: number;
  invoiceLines: { items: { LineAmount: string; CorrectedInvoiceNumber: string | null }[] };
}

/** Every ERP payables invoice with this number (credit memos are payables invoices too). */
async function inErp(invoiceNumber: string): Promise<ErpPayablesInvoice[]> {
  const query = `q=InvoiceNumber=${encodeURIComponent(invoiceNumber)}&expand=invoiceLines`;
  const response = await fetch(`${graph.app.systems.erpUrl}${ERP_INVOICES}?${query}`);
  return ((await response.json()) as { items: ErpPayablesInvoice[] }).items;
}

async function erpFaults(faults: unknown) {
  const response = await fetch(`${graph.app.systems.erpUrl}/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  expect(response.status).toBe(200);
}

async function creditMemosOf(invoiceId: string) {
  return (await graph.query(CREDIT_MEMOS_IN_ERP, { id: invoiceId }, finance)).data!.invoice!;
}

/** The invoice's credit memos once every one is in ERP payables and SYNCED. */
async function onceInErp(invoiceId: string) {
  return eventually(
    async () => {
      const invoice = await creditMemosOf(invoiceId);
      return invoice.creditMemos.every((memo) => memo.erpInvoiceId !== null && memo.syncStatus[0]?.state === 'SYNCED')
        ? invoice
        : undefined;
    },
    120_000,
    200,
    'credit memos in ERP payables',
  );
}

/** An invoice awaiting credit and the credit memos bringing all of it: one of 1.00, one of the rest. */
async function creditedInvoice(order: DemoPurchaseOrder) {
  const { invoice, expected } = await invoiceAwaitingCredit(order);
  const numbers = [`CM-${randomUUID().slice(0, 8)}`, `CM-${randomUUID().slice(0, 8)}`];
  const amounts = ['1.00', expected.minus(1).toFixed(2)];
  for (const [index, number] of numbers.entries())
    expect((await submitCreditMemo(memo(invoice.id, number, amounts[index]!))).userErrors).toEqual([]);
  return { invoice, numbers, amounts };
}

describe('credit memos in ERP payables', () => {
  it(
    'waits for the invoice to be in the ERP, then creates each credit memo there once, negative, crediting it, and keeps its ERP id',
    { timeout: 180_000 },
    async () => {
      await settled(graph.app, ['invoicing']);
      const { invoice, numbers, amounts } = await creditedInvoice(orderD!);
      await settled(graph.app, ['invoicing']);
      // The invoice is not in the ERP yet: the credit memos wait, PENDING, and the ERP holds none.
      const waiting = await creditMemosOf(invoice.id);
      expect(
        waiting.creditMemos.map(({ creditMemoNumber, erpInvoiceId, syncStatus }) => ({ creditMemoNumber, erpInvoiceId, syncStatus })),
      ).toEqual(
        numbers.map((creditMemoNumber) => ({
          creditMemoNumber,
          erpInvoiceId: null,
          syncStatus: [{ system: 'ERP', state: 'PENDING', attempts: 0, lastError: null }],
        })),
      );
      expect([...(await inErp(numbers[0]!)), ...(await inErp(numbers[1]!))]).toEqual([]);

      // The invoice's create passes; the first credit memo's is carried out and its answer lost.
      await erpFaults({ lostResponses: { path: ERP_INVOICES, count: 1, after: 1 } });
      expect(await approve(invoice.id)).toEqual({ invoice: { status: 'APPROVED' }, userErrors: [] });
      const synced = await onceInErp(invoice.id);
      await erpFaults({});

      const [original] = await inErp(synced.invoiceNumber);
      for (const [index, creditMemo] of synced.creditMemos.entries()) {
        const held = await inErp(numbers[index]!);
        expect(held.map((row) => [row.InvoiceId, row.InvoiceType, row.InvoiceAmount, row.SupplierId])).toEqual([
          [Number(creditMemo.erpInvoiceId), 'Credit memo', `-${amounts[index]}`, original!.SupplierId],
        ]);
        expect(held[0]!.invoiceLines.items).toEqual([
          expect.objectContaining({ LineAmount: `-${amounts[index]}`, CorrectedInvoiceNumber: synced.invoiceNumber }),
        ]);
        expect(creditMemo.syncStatus).toEqual([{ system: 'ERP', state: 'SYNCED', attempts: expect.any(Number), lastError: null }]);
      }
      // One of the two was retried after its lost answer: two attempts, still one credit memo each.
      expect(synced.creditMemos.map((creditMemo) => creditMemo.syncStatus[0]!.attempts).sort()).toEqual([1, 2]);

      // The same credit memo delivered again: nothing more in the ERP.
      const first = synced.creditMemos[0]!;
      await graph.app.workers.invoicing.jobs.enqueue('send-credit-memo-to-erp', {
        entityId: first.id,
        payload: { creditMemoId: first.id },
      });
      await settled(graph.app, ['invoicing']);
      expect((await inErp(numbers[0]!)).map((row) => row.InvoiceId)).toEqual([Number(first.erpInvoiceId)]);
      expect((await creditMemosOf(invoice.id)).creditMemos[0]!.erpInvoiceId).toBe(first.erpInvoiceId);
    },
  );

  it('retries a credit memo the ERP refused while down, and creates it once the ERP is back', { timeout: 180_000 }, async () => {
    await settled(graph.app, ['invoicing']);
    const { invoice, numbers } = await creditedInvoice(orderE!);
    // The invoice's create passes; the next (a credit memo's) meets the ERP down.
    await erpFaults({ unavailable: { path: ERP_INVOICES, count: 1, after: 1 } });
    expect(await approve(invoice.id)).toEqual({ invoice: { status: 'APPROVED' }, userErrors: [] });
    const failed = await eventually(
      async () => (await creditMemosOf(invoice.id)).creditMemos.find((creditMemo) => creditMemo.syncStatus[0]?.state === 'FAILED'),
      60_000,
      100,
      'a credit memo push failed',
    );
    expect(failed.syncStatus).toEqual([
      {
        system: 'ERP',
        state: 'FAILED',
        attempts: 1,
        lastError: `RemoteHttpError: POST ${ERP_INVOICES} → 503: FND-REST-UNAVAILABLE: The service is unavailable (simulated outage).`,
      },
    ]);
    expect(failed.erpInvoiceId).toBeNull();

    const synced = await onceInErp(invoice.id);
    await erpFaults({});
    const retried = synced.creditMemos.find((creditMemo) => creditMemo.id === failed.id)!;
    expect(retried.syncStatus).toEqual([{ system: 'ERP', state: 'SYNCED', attempts: 2, lastError: null }]);
    const held = await inErp(retried.creditMemoNumber);
    expect(held.map((row) => [row.InvoiceId, row.InvoiceType])).toEqual([[Number(retried.erpInvoiceId), 'Credit memo']]);
    expect(numbers).toContain(retried.creditMemoNumber);
  });
});

const SETTLEMENT = graphql(`
  query CreditMemos7($id: ID!) {
    invoice(id: $id) {
      status
      total {
        amount
      }
      amountPaid {
        amount
      }
      amountCredited {
        amount
      }
      amountDue {
        amount
      }
      payments {
        amount {
          amount
        }
        status
        applications {
          amount {
            amount
          }
          credited {
            amount
          }
        }
      }
    }
  }
`);

/** What the tests read of an ERP payment and the documents it settles. */
interface ErpPayablesPayment {
  PaymentId: number;
  PaymentAmount: string;
  relatedInvoices: { items: { InvoiceId: number; InvoiceType: string; AmountPaid: string }[] };
}

async function erpAdmin(path: string) {
  const response = await fetch(`${graph.app.systems.erpUrl}/admin/${path}`, { method: 'POST' });
  expect(response.ok).toBe(true);
}

async function settlementOnceIn(id: string, status: string, amountDue: string) {
  return eventually(
    async () => {
      const invoice = (await graph.query(SETTLEMENT, { id }, finance)).data!.invoice!;
      return invoice.status === status && invoice.amountDue.amount === amountDue ? invoice : undefined;
    },
    120_000,
    200,
    `invoice ${status} with ${amountDue} due`,
  );
}

describe('credit memos netted in the ERP payment run', () => {
  it(
    'pays an invoice of 1000.00 with its 150.00 credit memo by one payment of 850.00, PAID once it clears, and a void takes both back',
    { timeout: 240_000 },
    async () => {
      const { order, line, units, unitPrice, freight } = netting;
      const submitted = await graph.query(
        SUBMIT_INVOICE,
        {
          input: {
            supplierId: order.supplierId,
            purchaseOrderId: order.id,
            invoiceNumber: `NET-${randomUUID().slice(0, 8)}`,
            invoiceDate: '2026-11-02',
            idempotencyKey: randomUUID(),
            lines: [{ lineNumber: line.lineNumber, itemNumber: line.itemNumber, quantity: units, unitPrice }],
            freightAmount: freight,
          },
        },
        finance,
      );
      const invoice = submitted.data!.submitInvoice.invoice!;
      expect(invoice.match!.exceptions.map(({ code }) => code)).toEqual(['PRICE_VARIANCE']);
      const resolved = await graph.query(
        RESOLVE,
        { input: { exceptionId: invoice.match!.exceptions[0]!.id, action: 'REQUEST_CREDIT_MEMO', reason: 'Billed above the order price' } },
        finance,
      );
      expect(resolved.data!.resolveMatchException.userErrors).toEqual([]);
      expect((await credit(invoice.id)).creditExpected).toEqual({ amount: '150.00' });
      const creditMemoNumber = `NET-CM-${randomUUID().slice(0, 8)}`;
      expect((await submitCreditMemo(memo(invoice.id, creditMemoNumber, '150.00'))).userErrors).toEqual([]);
      expect(await approve(invoice.id)).toEqual({ invoice: { status: 'APPROVED' }, userErrors: [] });
      const synced = await onceInErp(invoice.id);
      const [original] = await inErp(synced.invoiceNumber);

      await erpAdmin('payment-run');
      const paymentsResponse = await fetch(
        `${graph.app.systems.erpUrl}/fscmRestApi/resources/11.13.18.05/payablesPayments?q=SupplierId=${original!.SupplierId}&expand=relatedInvoices`,
      );
      const erpPayments = ((await paymentsResponse.json()) as { items: ErpPayablesPayment[] }).items.filter((payment) =>
        payment.relatedInvoices.items.some((related) => related.InvoiceId === original!.InvoiceId),
      );
      expect(
        erpPayments.map((payment) => [
          payment.PaymentAmount,
          payment.relatedInvoices.items.map((related) => [related.InvoiceId, related.InvoiceType, related.AmountPaid]),
        ]),
      ).toEqual([
        [
          '850.00',
          [
            [original!.InvoiceId, 'Standard', '1000.00'],
            [Number(synced.creditMemos[0]!.erpInvoiceId), 'Credit memo', '-150.00'],
          ],
        ],
      ]);

      await erpAdmin('payment-run');
      await erpAdmin('payment-run');
      const paid = await settlementOnceIn(invoice.id, 'PAID', '0.00');
      expect(paid).toEqual({
        status: 'PAID',
        total: { amount: '1000.00' },
        amountPaid: { amount: '850.00' },
        amountCredited: { amount: '150.00' },
        amountDue: { amount: '0.00' },
        payments: [
          {
            amount: { amount: '850.00' },
            status: 'CLEARED',
            applications: [{ amount: { amount: '850.00' }, credited: { amount: '150.00' } }],
          },
        ],
      });

      await erpAdmin(`payments/${erpPayments[0]!.PaymentId}/void`);
      const voided = await settlementOnceIn(invoice.id, 'APPROVED', '1000.00');
      expect([voided.amountPaid, voided.amountCredited, voided.payments.map((payment) => payment.status)]).toEqual([
        { amount: '0.00' },
        { amount: '0.00' },
        ['VOIDED'],
      ]);
      const [reopened] = await inErp(synced.invoiceNumber);
      const [creditMemo] = await inErp(creditMemoNumber);
      expect([reopened, creditMemo].map((document) => [document!.PaidStatus, document!.AmountRemaining])).toEqual([
        ['Unpaid', '1000.00'],
        ['Unpaid', '-150.00'],
      ]);
    },
  );
});
