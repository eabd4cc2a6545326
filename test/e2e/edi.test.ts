import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInterchange, readOrder850, readRemittance820, writeInterchange, type SegmentSpec } from '@procuregraph/connector-files';
import { sampleFile } from '@procuregraph/connector-files/testing';
import { createWorld, type DemoPurchaseOrder } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { decimal, sum } from '@procuregraph/platform/money';
import { graphql } from '../generated/gql.ts';
import type { EdiDocumentType, TradingPartnerInput } from '../generated/graphql.ts';
import { eventually, settled, startTestGraph, type TestGraph } from '../harness.ts';

/** Files and EDI through the gateway: a trading partner's 810s, answered by 997s. */
const world = createWorld({ scale: 'default' });
const suppliers = new Map([...world.suppliers()].map((supplier) => [supplier.id, supplier]));
const integration: UserCaller = { kind: 'staff', subject: 'edi@network.example', role: 'integration' };
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };

const receivedOf = (order: DemoPurchaseOrder, lineNumber: number) =>
  sum(
    order.receipts.flatMap((receipt) =>
      receipt.lines.filter((line) => line.lineNumber === lineNumber).map((line) => line.quantityReceived),
    ),
  );

/** Two fully received orders of one active supplier under no contract, never invoiced: billed at their own prices they match. */
const { supplierId, orders, others } = (() => {
  const invoiced = new Set([...world.invoices()].map((invoice) => invoice.purchaseOrderId));
  const contracted = new Set([...world.contracts()].map((contract) => contract.supplierId));
  const billable = [...world.purchaseOrders()].filter(
    (order) =>
      suppliers.get(order.supplierId)!.status === 'ACTIVE' &&
      !contracted.has(order.supplierId) &&
      order.contractId === null &&
      !invoiced.has(order.id) &&
      order.lines.every((line) => receivedOf(order, line.lineNumber).greaterThanOrEqualTo(line.quantity)),
  );
  for (const order of billable) {
    const other = billable.find((candidate) => candidate !== order && candidate.supplierId === order.supplierId);
    if (other) {
      const others = billable.filter((candidate) => candidate.supplierId !== order.supplierId);
      return { supplierId: order.supplierId, orders: [order, other] as const, others };
    }
  }
  throw new Error('The demo world has no supplier with two billable orders');
})();

const partner = { interchangeQualifier: 'ZZ', interchangeId: 'MEDLINEEDI', groupId: 'MEDLINEEDI' };
const us = { interchangeQualifier: 'ZZ', interchangeId: 'PROCUREGRAPH', groupId: 'PROCUREGRAPH' };

/** An 810 body billing every line of an order at its own quantity and price, as the partner's system would. */
function invoiceOf(order: DemoPurchaseOrder, invoiceNumber: string): SegmentSpec[] {
  const total = sum(order.lines.map((line) => decimal(line.quantity).times(line.unitPrice)));
  return [
    { tag: 'BIG', elements: ['20261201', invoiceNumber, '', order.number] },
    { tag: 'CUR', elements: ['SE', 'USD'] },
    ...order.lines.map((line) => ({
      tag: 'IT1',
      elements: [String(line.lineNumber), line.quantity, line.unitOfMeasure, line.unitPrice, '', 'VC', line.itemNumber],
    })),
    { tag: 'TDS', elements: [total.times(100).toFixed(0)] },
    { tag: 'CTT', elements: [String(order.lines.length)] },
  ];
}

const twoInvoices = writeInterchange(
  { sender: partner, receiver: us, controlNumber: 4711, version: '004010', at: new Date('2026-12-01T09:30:00Z') },
  'IN',
  '810',
  [invoiceOf(orders[0], 'MED-INV-9001'), invoiceOf(orders[1], 'MED-INV-9002')],
);

const SET_PARTNER = graphql(`
  mutation Edi1($input: TradingPartnerInput!) {
    setTradingPartner(input: $input) {
      partner {
        id
        interchangeId
        version
        inbound
      }
      userErrors {
        code
      }
    }
  }
`);

const medlineProfile = {
  supplierId,
  interchangeQualifier: 'ZZ',
  interchangeId: 'MEDLINEEDI',
  groupId: 'MEDLINEEDI',
  version: '004010',
  inbound: ['X12_810', 'X12_855', 'X12_997'],
  outbound: ['X12_850', 'X12_820', 'X12_997'],
} satisfies TradingPartnerInput;

let graph: TestGraph;

/** Read by the runtime at start: what we send is overdue 3.6 s after, so a test can see it happen. */
const DEADLINE_HOURS = '0.001';
/** The purge is queued every 7.2 s and keeps a day: a test moves the business clock a day on to see it purge. */
const PURGE_INTERVAL_HOURS = '0.002';
const RETENTION_DAYS = '1';
let businessTime: Date | null = null;

beforeAll(async () => {
  process.env.EDI_ACKNOWLEDGMENT_DEADLINE_HOURS = DEADLINE_HOURS;
  process.env.EDI_PURGE_INTERVAL_HOURS = PURGE_INTERVAL_HOURS;
  process.env.EDI_RETENTION_DAYS = RETENTION_DAYS;
  graph = await startTestGraph({ businessClock: () => businessTime ?? new Date() });
  await settled(graph.app, ['invoicing']);
  const { data } = await graph.query(SET_PARTNER, { input: medlineProfile }, integration);
  expect(data!.setTradingPartner).toEqual({
    partner: { id: supplierId, interchangeId: 'MEDLINEEDI', version: '004010', inbound: ['X12_810', 'X12_855', 'X12_997'] },
    userErrors: [],
  });
});

afterAll(async () => {
  delete process.env.EDI_ACKNOWLEDGMENT_DEADLINE_HOURS;
  delete process.env.EDI_PURGE_INTERVAL_HOURS;
  delete process.env.EDI_RETENTION_DAYS;
  await graph?.close();
});

async function postInterchange(content: string, caller: UserCaller = integration) {
  const response = await fetch(`${graph.baseUrl}/edi/inbound`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await graph.tokenFor(caller)}`, 'content-type': 'application/edi-x12' },
    body: content,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const INVOICE = graphql(`
  query Edi2($id: ID!) {
    invoice(id: $id) {
      invoiceNumber
      source
      status
      total {
        amount
      }
      purchaseOrder {
        id
      }
    }
  }
`);

const INVOICE_ARRIVALS = graphql(`
  query EdiInvoiceArrivals($supplierId: ID!) {
    invoices(first: 50, filter: { supplierId: $supplierId }) {
      nodes {
        invoiceNumber
        journey {
          steps {
            system
            action
            outcome
          }
        }
      }
    }
  }
`);

/** How each named invoice of a supplier arrived: the first step of its journey, and how many arrival steps it has. */
async function arrivalsOf(supplier: string, invoiceNumbers: string[]) {
  const { nodes } = (await graph.query(INVOICE_ARRIVALS, { supplierId: supplier }, integration)).data!.invoices;
  return invoiceNumbers.map((number) => {
    const { steps } = nodes.find((node) => node.invoiceNumber === number)!.journey;
    return { first: steps[0], arrivals: steps.filter((step) => step.system === 'FILES').length };
  });
}

const DOCUMENTS = graphql(`
  query Edi3($filter: EdiDocumentFilter) {
    ediDocuments(first: 20, filter: $filter) {
      nodes {
        id
        direction
        type
        status
        interchangeControlNumber
        supplier {
          id
        }
        invoice {
          id
        }
        purchaseOrder {
          id
        }
        payment {
          id
        }
        overdue
        errors {
          segment
          position
          element
          code
          message
        }
      }
    }
  }
`);

/** The segments of a 997 between its ST and SE. */
const acknowledgmentBody = (text: string) =>
  parseInterchange(text).groups[0]!.transactions[0]!.segments.map((segment) =>
    segment.toString({ segmentTerminator: '~', elementDelimiter: '*' }),
  );

const inFolder = (...parts: string[]) => join(graph.dataDir, 'edi', ...parts);

/** A file in the partner's outbox folder, once its job has written it (a job writes it once the document is recorded). */
const outboxFile = (name: string) => eventually(() => readFile(inFolder('outbox', 'MEDLINEEDI', name), 'utf8').catch(() => undefined));

describe('the drop folder and POST /edi/inbound', () => {
  it('turns an 810 with two invoices dropped in the folder into two matched invoices, a 997 accepting both, the file processed', async () => {
    await mkdir(inFolder('inbox'), { recursive: true });
    await writeFile(inFolder('inbox', 'medline-4711.edi.part'), twoInvoices);
    await rename(inFolder('inbox', 'medline-4711.edi.part'), inFolder('inbox', 'medline-4711.edi'));
    const processed = await eventually(async () => {
      const names = await readdir(inFolder('processed')).catch(() => []);
      return names.length === 1 ? names : undefined;
    });
    expect(processed[0]).toMatch(/-medline-4711\.edi$/);
    expect(await readdir(inFolder('inbox'))).toEqual([]);
    const acknowledgment = await outboxFile('997-000004711.x12');
    expect(acknowledgmentBody(acknowledgment)).toEqual([
      'AK1*IN*4711~',
      'AK2*810*0001~',
      'AK5*A~',
      'AK2*810*0002~',
      'AK5*A~',
      'AK9*A*2*2*2~',
    ]);

    const logged = await graph.query(DOCUMENTS, { filter: { direction: 'INBOUND', type: 'X12_810', supplierId } }, integration);
    expect(logged.data!.ediDocuments.nodes.map((node) => ({ status: node.status, interchange: node.interchangeControlNumber }))).toEqual([
      { status: 'ACCEPTED', interchange: '000004711' },
      { status: 'ACCEPTED', interchange: '000004711' },
    ]);
    const invoiceIds = logged.data!.ediDocuments.nodes.map((node) => node.invoice!.id).reverse();
    const invoices = await Promise.all(invoiceIds.map(async (id) => (await graph.query(INVOICE, { id })).data!.invoice));
    expect(invoices).toEqual(
      orders.map((order, index) => ({
        invoiceNumber: `MED-INV-900${index + 1}`,
        source: 'EDI',
        status: 'MATCHED',
        total: { amount: sum(order.lines.map((line) => decimal(line.quantity).times(line.unitPrice))).toFixed(2) },
        purchaseOrder: { id: order.id },
      })),
    );
    // The file is where each invoice's journey starts.
    const arrival = { first: { system: 'FILES', action: 'invoice received in 810 000004711', outcome: 'SUCCEEDED' }, arrivals: 1 };
    expect(await arrivalsOf(supplierId, ['MED-INV-9001', 'MED-INV-9002'])).toEqual([arrival, arrival]);
  });

  it('has one effect for an interchange sent twice and records the second as a duplicate', async () => {
    const { status, body } = await postInterchange(twoInvoices);
    expect(status).toBe(200);
    expect((body.documents as { status: string }[]).map((document) => document.status)).toEqual(['DUPLICATE']);
    expect(body.acknowledgment).toBe(await readFile(inFolder('outbox', 'MEDLINEEDI', '997-000004711.x12'), 'utf8'));
    const logged = await graph.query(DOCUMENTS, { filter: { direction: 'INBOUND', supplierId } }, integration);
    expect(logged.data!.ediDocuments.nodes.map((node) => node.status)).toEqual(['DUPLICATE', 'ACCEPTED', 'ACCEPTED']);
    expect(logged.data!.ediDocuments.nodes.filter((node) => node.invoice !== null)).toHaveLength(2);
  });

  it('answers a wrong segment count and an unknown order with a 997 saying exactly that, keeping the good set beside them', async () => {
    const content = sampleFile('810-with-errors.edi', {
      PO_1: orders[0].number,
      PO_2: orders[1].number,
      ITEM_1: orders[0].lines[0]!.itemNumber,
      ITEM_2: orders[1].lines[0]!.itemNumber,
    });
    const { status, body } = await postInterchange(content);
    expect(status).toBe(200);
    expect((body.documents as { status: string }[]).map((document) => document.status)).toEqual(['REJECTED', 'REJECTED', 'ACCEPTED']);
    expect(acknowledgmentBody(body.acknowledgment as string)).toEqual([
      'AK1*IN*4712~',
      'AK2*810*0001~',
      'AK5*R*4~',
      'AK2*810*0002~',
      'AK3*BIG*2**8~',
      'AK4*4**7~',
      'AK5*R*5~',
      'AK2*810*0003~',
      'AK5*A~',
      'AK9*P*3*3*1~',
    ]);
    const logged = await graph.query(DOCUMENTS, { filter: { status: 'REJECTED', supplierId } }, integration);
    expect(logged.data!.ediDocuments.nodes.map((node) => ({ invoice: node.invoice, errors: node.errors })).reverse()).toEqual([
      {
        invoice: null,
        errors: [{ segment: 'SE', position: 6, element: 1, code: '4', message: 'SE01 says 9 segments, transaction set 0001 has 6' }],
      },
      { invoice: null, errors: [{ segment: 'BIG', position: 2, element: 4, code: '7', message: 'No purchase order PO-DOES-NOT-EXIST' }] },
    ]);
  });

  it('refuses a caller without the integration role, and what is not X12', async () => {
    expect(await postInterchange(twoInvoices, buyer)).toEqual({
      status: 403,
      body: { error: 'FORBIDDEN', message: 'Sending /edi/inbound needs the role integration' },
    });
    expect(await postInterchange('invoice_number,total\n1,2')).toEqual({
      status: 400,
      body: { error: 'X12_UNREADABLE', message: 'An X12 interchange starts with an ISA segment' },
    });
  });
});

describe('POST /files/invoices', () => {
  it('creates the good invoices of a CSV and reports the bad row by row and column', async () => {
    const [first, second] = others as [DemoPurchaseOrder, DemoPurchaseOrder];
    const content = sampleFile('invoices.csv', {
      PO_1: first.number,
      PO_2: second.number,
      ITEM_1: first.lines[0]!.itemNumber,
      ITEM_2: second.lines[0]!.itemNumber,
    });
    const response = await fetch(`${graph.baseUrl}/files/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await graph.tokenFor(integration)}`, 'content-type': 'text/csv' },
      body: content,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      created: 2,
      errors: [{ row: 4, column: 'quantity', code: 'INVALID_QUANTITY', message: 'quantity must be a positive decimal, got ten' }],
    });
    const logged = await graph.query(DOCUMENTS, { filter: { type: 'CSV_INVOICES' } }, integration);
    expect(logged.data!.ediDocuments.nodes.map((node) => ({ status: node.status, errors: node.errors }))).toEqual([
      {
        status: 'ACCEPTED_WITH_ERRORS',
        errors: [
          {
            segment: 'quantity',
            position: 4,
            element: null,
            code: 'INVALID_QUANTITY',
            message: 'quantity must be a positive decimal, got ten',
          },
        ],
      },
    ]);
    const arrival = (row: number) => ({
      first: { system: 'FILES', action: `invoice received in CSV, row ${row}`, outcome: 'SUCCEEDED' },
      arrivals: 1,
    });
    expect(await arrivalsOf(first.supplierId, ['CSV-INV-1'])).toEqual([arrival(2)]);
    expect(await arrivalsOf(second.supplierId, ['CSV-INV-2'])).toEqual([arrival(3)]);
  });
});

const ERP_API = '/fscmRestApi/resources/11.13.18.05';
const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };

/** The outbound document of a type that carries a record, once its job has written it. */
async function sentDocument(
  type: EdiDocumentType,
  carries: (node: { purchaseOrder: { id: string } | null; payment: { id: string } | null }) => boolean,
) {
  return eventually(
    async () => {
      const { data } = await graph.query(DOCUMENTS, { filter: { direction: 'OUTBOUND', type, supplierId } }, integration);
      return data!.ediDocuments.nodes.find(carries);
    },
    60_000,
    200,
    `an outbound ${type}`,
  );
}

/** A 997 from the partner accepting the group we sent under that control number. */
const acceptanceOf = (functionalId: string, type: string, groupControlNumber: string, controlNumber: number) =>
  writeInterchange({ sender: partner, receiver: us, controlNumber, version: '004010', at: new Date('2026-12-03T08:00:00Z') }, 'FA', '997', [
    [
      { tag: 'AK1', elements: [functionalId, groupControlNumber] },
      { tag: 'AK2', elements: [type, '0001'] },
      { tag: 'AK5', elements: ['A'] },
      { tag: 'AK9', elements: ['A', '1', '1', '1'] },
    ],
  ]);

describe('outbound: 850 orders and 820 remittances in the partner outbox', () => {
  const ISSUE = graphql(`
    mutation Edi5($input: IssuePurchaseOrderInput!) {
      issuePurchaseOrder(input: $input) {
        purchaseOrder {
          id
        }
        userErrors {
          code
        }
      }
    }
  `);
  const ORDER = graphql(`
    query Edi6($id: ID!) {
      purchaseOrder(id: $id) {
        number
        orderDate
      }
    }
  `);
  const orderLines = [
    [
      { itemNumber: 'GLV-NIT-100', description: 'Nitrile gloves, medium', quantity: '12', unitOfMeasure: 'BX', unitPrice: '19.99' },
      { itemNumber: 'SYR-LL-10', description: 'Syringe 10 mL luer lock', quantity: '2.5', unitOfMeasure: 'CS', unitPrice: '104.1275' },
    ],
    [{ itemNumber: 'GAU-4X4', description: 'Gauze sponges 4x4', quantity: '40', unitOfMeasure: 'PK', unitPrice: '3.05' }],
  ];

  it('sends each order to the partner as an 850 that parses back to the same order, under control numbers that never repeat, and a 997 acknowledges it', async () => {
    const issued = await Promise.all(
      orderLines.map(async (lines, index) => {
        const { data } = await graph.query(ISSUE, { input: { supplierId, idempotencyKey: `edi-850-${index}`, lines } }, buyer);
        expect(data!.issuePurchaseOrder.userErrors).toEqual([]);
        return data!.issuePurchaseOrder.purchaseOrder!.id;
      }),
    );
    const documents = await Promise.all(issued.map((id) => sentDocument('X12_850', (node) => node.purchaseOrder?.id === id)));
    expect(documents.map((document) => document.status)).toEqual(['SENT', 'SENT']);
    const controlNumbers = documents.map((document) => Number(document.interchangeControlNumber));
    expect(new Set(controlNumbers).size).toBe(2);

    for (const [index, document] of documents.entries()) {
      const order = (await graph.query(ORDER, { id: issued[index]! }, buyer)).data!.purchaseOrder!;
      const file = await outboxFile(`850-${document.interchangeControlNumber}.x12`);
      const interchange = parseInterchange(file);
      expect(interchange.envelope).toMatchObject({
        senderId: 'PROCUREGRAPH',
        receiverId: 'MEDLINEEDI',
        controlNumber: document.interchangeControlNumber,
      });
      expect(interchange.errors).toEqual([]);
      const { order: sent, errors } = readOrder850(interchange.groups[0]!.transactions[0]!);
      expect(errors).toEqual([]);
      expect(sent).toMatchObject({ orderNumber: order.number, orderDate: order.orderDate, currency: 'USD' });
      expect(sent.lines).toEqual(orderLines[index]!.map((line, at) => ({ lineNumber: at + 1, ...line })));
    }

    const [first] = documents;
    const { status, body } = await postInterchange(acceptanceOf('PO', '850', String(Number(first!.interchangeControlNumber)), 5001));
    expect(status).toBe(200);
    expect(body.documents).toEqual([expect.objectContaining({ type: 'X12_997', status: 'ACCEPTED' })]);
    const acknowledged = await graph.query(DOCUMENTS, { filter: { direction: 'OUTBOUND', type: 'X12_850', supplierId } }, integration);
    const statusOf = new Map(acknowledged.data!.ediDocuments.nodes.map((node) => [node.id, node.status]));
    expect(documents.map((document) => statusOf.get(document.id))).toEqual(['ACKNOWLEDGED', 'SENT']);

    // Past the deadline the unacknowledged one is overdue, in the graph and in the metric; the acknowledged one is not.
    const overdue = await eventually(async () => {
      const { data } = await graph.query(DOCUMENTS, { filter: { overdue: true, supplierId } }, integration);
      return data!.ediDocuments.nodes.length > 0 ? data!.ediDocuments.nodes : undefined;
    });
    expect(overdue.map(({ id, type, overdue }) => ({ id, type, overdue }))).toEqual([
      { id: documents[1]!.id, type: 'X12_850', overdue: true },
    ]);
    const notOverdue = await graph.query(DOCUMENTS, { filter: { overdue: false, type: 'X12_850', supplierId } }, integration);
    expect(notOverdue.data!.ediDocuments.nodes.map(({ id, overdue }) => ({ id, overdue }))).toEqual([
      { id: documents[0]!.id, overdue: false },
    ]);
    const metrics = await (await fetch(`${graph.baseUrl}/metrics`)).text();
    expect(metrics).toContain('procuregraph_edi_acknowledgments_overdue{type="X12_850"} 1\n');
    expect(metrics).toContain('procuregraph_edi_acknowledgments_overdue{type="X12_820"} 0\n');
  });

  /** The 810 invoices accepted from the partner, oldest first. */
  async function partnerInvoiceIds() {
    const { data } = await graph.query(
      DOCUMENTS,
      { filter: { direction: 'INBOUND', type: 'X12_810', status: 'ACCEPTED', supplierId } },
      integration,
    );
    return data!.ediDocuments.nodes.map((node) => node.invoice!.id).reverse();
  }

  async function erpAdmin(path: string, body: unknown = {}) {
    const response = await fetch(`${graph.app.systems.erpUrl}/admin/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.ok).toBe(true);
  }

  /** Approves the invoice, and once ERP payables has it, pays it there (the amount `paying` says) and lets the payment clear. */
  async function approveAndPay(invoiceId: string, paying: (total: string) => string) {
    const approved = await graph.query(
      graphql(`
        mutation Edi7($id: ID!) {
          approveInvoice(id: $id) {
            invoice {
              invoiceNumber
              total {
                amount
              }
            }
            userErrors {
              code
            }
          }
        }
      `),
      { id: invoiceId },
      finance,
    );
    expect(approved.data!.approveInvoice.userErrors).toEqual([]);
    const { invoiceNumber, total } = approved.data!.approveInvoice.invoice!;
    const erpInvoiceId = await eventually(async () => {
      const response = await fetch(`${graph.app.systems.erpUrl}${ERP_API}/invoices?q=InvoiceNumber=${invoiceNumber}`);
      return ((await response.json()) as { items: { InvoiceId: number }[] }).items[0]?.InvoiceId;
    });
    const paid = paying(total.amount);
    await erpAdmin('payments', { relatedInvoices: [{ InvoiceId: erpInvoiceId, AmountPaid: paid }] });
    // Issued → Negotiable → Cleared.
    await erpAdmin('payment-run');
    await erpAdmin('payment-run');
    // The payment runs clear every payment due in the ERP: this invoice's is found by the invoice.
    const payment = await eventually(async () => {
      const { data } = await graph.query(
        graphql(`
          query Edi9($id: ID!) {
            invoice(id: $id) {
              payments {
                id
                paymentNumber
                status
              }
            }
          }
        `),
        { id: invoiceId },
        finance,
      );
      return data!.invoice!.payments.find((each) => each.status === 'CLEARED');
    });
    return { invoiceNumber, total: total.amount, paid, payment };
  }

  it('sends a cleared payment of a partner invoice as an 820 with the amounts paid', { timeout: 180_000 }, async () => {
    const [invoiceId] = await partnerInvoiceIds();
    const { invoiceNumber, total, paid, payment } = await approveAndPay(invoiceId!, (amount) => decimal(amount).minus('0.01').toFixed(2));

    const document = await sentDocument('X12_820', (node) => node.payment?.id === payment.id);
    expect(document.status).toBe('SENT');
    const file = await outboxFile(`820-${document.interchangeControlNumber}.x12`);
    const interchange = parseInterchange(file);
    expect(interchange.errors).toEqual([]);
    const { remittance, errors } = readRemittance820(interchange.groups[0]!.transactions[0]!);
    expect(errors).toEqual([]);
    expect(remittance).toMatchObject({
      total: paid,
      currency: 'USD',
      payer: 'PROCUREGRAPH',
      payee: 'MEDLINEEDI',
      invoices: [{ invoiceNumber, amountPaid: paid, invoiceAmount: total }],
    });
  });

  it(
    'sends a cleared payment as a CSV remittance with the documented columns to a partner whose profile asks for one',
    { timeout: 180_000 },
    async () => {
      const changed = await graph.query(
        SET_PARTNER,
        { input: { ...medlineProfile, outbound: ['X12_850', 'CSV_REMITTANCE', 'X12_997'] } },
        integration,
      );
      expect(changed.data!.setTradingPartner.userErrors).toEqual([]);
      const [, invoiceId] = await partnerInvoiceIds();
      const { invoiceNumber, total, payment } = await approveAndPay(invoiceId!, (amount) => amount);

      const document = await sentDocument('CSV_REMITTANCE', (node) => node.payment?.id === payment.id);
      expect(document).toMatchObject({ status: 'SENT', interchangeControlNumber: null });
      const paymentReference = payment.paymentNumber!;
      const [header, row, ...rest] = (await outboxFile(`remittance-${paymentReference}.csv`)).split('\r\n');
      expect(header).toBe('"payment_reference","payment_date","currency","invoice_number","invoice_amount","amount_paid"');
      expect(row).toMatch(new RegExp(`^"${paymentReference}","\\d{4}-\\d{2}-\\d{2}","USD","${invoiceNumber}","${total}","${total}"$`));
      expect(rest).toEqual(['']);
    },
  );
});

describe('the demo network', () => {
  it('has three medical-surgical or pharmaceutical suppliers trading by EDI', async () => {
    const expected = [...world.suppliers()]
      .filter((supplier) => supplier.status === 'ACTIVE' && ['MEDICAL_SURGICAL', 'PHARMACEUTICAL'].includes(supplier.category))
      .slice(0, 3)
      .map((supplier) => supplier.id);
    const { data } = await graph.query(
      graphql(`
        query Edi4 {
          tradingPartners(first: 50) {
            nodes {
              id
              interchangeQualifier
              version
              outbound
            }
          }
        }
      `),
      {},
      integration,
    );
    const demo = data!.tradingPartners.nodes.filter((node) => expected.includes(node.id) && node.id !== supplierId);
    expect(demo.length).toBe(expected.filter((id) => id !== supplierId).length);
    expect(demo.every((node) => node.interchangeQualifier === 'ZZ' && node.version === '004010')).toBe(true);
    expect(new Set(demo.map((node) => node.outbound.join()))).toEqual(new Set(['X12_850,X12_820,X12_997']));
  });
});

/** An order of the EDI partner with at least the three lines the sample 855 answers, not one the 810s bill. */
const acknowledgedOrder = (() => {
  const order = [...world.purchaseOrders()].find(
    (candidate) => candidate.supplierId === supplierId && candidate.lines.length >= 3 && !orders.includes(candidate),
  );
  if (!order) throw new Error('The demo world has no third order of the EDI partner with three lines');
  return order;
})();

const ORDER_ACKNOWLEDGMENT = graphql(`
  query Edi10($id: ID!) {
    purchaseOrder(id: $id) {
      publication {
        state
      }
      lines {
        lineNumber
        quantity
        acknowledgmentStatus
        acknowledgedQuantity
        acknowledgedUnitPrice {
          amount
        }
        acknowledgedShipDate
      }
    }
  }
`);

/** The sample 855 (line 1 accepted, 2 changed to 15, 3 rejected) for an order, under another ISA13 when asked. */
function acknowledgment855(order: DemoPurchaseOrder, controlNumber = '4720') {
  const content = sampleFile('855-changed-line.edi', {
    PO_1: order.number,
    ITEM_1: order.lines[0]!.itemNumber,
    ITEM_2: order.lines[1]?.itemNumber ?? 'NONE',
    ITEM_3: order.lines[2]?.itemNumber ?? 'NONE',
  });
  return content.replaceAll('4720', controlNumber);
}

describe('an 855 order acknowledgment', () => {
  it('records accepted, changed and rejected lines on the order, once, and links the document to it', async () => {
    const first = await postInterchange(acknowledgment855(acknowledgedOrder));
    expect(first.status).toBe(200);
    expect(first.body.documents).toEqual([{ id: expect.any(String), type: 'X12_855', status: 'ACCEPTED' }]);
    expect(acknowledgmentBody(first.body.acknowledgment as string)).toEqual(['AK1*PR*4720~', 'AK2*855*0001~', 'AK5*A~', 'AK9*A*1*1*1~']);

    const answered = await eventually(async () => {
      const { data } = await graph.query(ORDER_ACKNOWLEDGMENT, { id: acknowledgedOrder.id }, buyer);
      return data!.purchaseOrder!.lines[0]!.acknowledgmentStatus === null ? undefined : data!.purchaseOrder!;
    });
    expect(answered.publication.state).toBe('ACKNOWLEDGED');
    const answer = (status: string, quantity: string, price: string, shipDate: string) => ({
      acknowledgmentStatus: status,
      acknowledgedQuantity: quantity,
      acknowledgedUnitPrice: { amount: price },
      acknowledgedShipDate: shipDate,
    });
    expect(answered.lines.slice(0, 3).map(({ quantity: _quantity, ...line }) => line)).toEqual([
      { lineNumber: 1, ...answer('ACCEPTED', '10', '12.50', '2026-12-10') },
      { lineNumber: 2, ...answer('CHANGED', '15', '3.75', '2026-12-15') },
      { lineNumber: 3, ...answer('REJECTED', '0', '80.00', '2026-12-10') },
    ]);
    expect(answered.lines.slice(3).every((line) => line.acknowledgmentStatus === null)).toBe(true);

    const again = await postInterchange(acknowledgment855(acknowledgedOrder));
    expect((again.body.documents as { status: string }[]).map((document) => document.status)).toEqual(['DUPLICATE']);
    const logged = await graph.query(DOCUMENTS, { filter: { type: 'X12_855', supplierId } }, integration);
    expect(logged.data!.ediDocuments.nodes.map((node) => ({ status: node.status, purchaseOrder: node.purchaseOrder }))).toEqual([
      { status: 'DUPLICATE', purchaseOrder: null },
      { status: 'ACCEPTED', purchaseOrder: { id: acknowledgedOrder.id } },
    ]);
  });

  it("refuses an 855 for another supplier's order with the error on the document and in the 997, applying nothing", async () => {
    const foreign = others[0]!;
    const { status, body } = await postInterchange(acknowledgment855(foreign, '4721'));
    expect(status).toBe(200);
    expect(acknowledgmentBody(body.acknowledgment as string)).toEqual([
      'AK1*PR*4721~',
      'AK2*855*0001~',
      'AK3*BAK*2**8~',
      'AK4*3**7~',
      'AK5*R*5~',
      'AK9*R*1*1*0~',
    ]);
    const logged = await graph.query(DOCUMENTS, { filter: { type: 'X12_855', status: 'REJECTED' } }, integration);
    expect(logged.data!.ediDocuments.nodes.map((node) => ({ purchaseOrder: node.purchaseOrder, errors: node.errors }))).toEqual([
      {
        purchaseOrder: null,
        errors: [
          {
            segment: 'BAK',
            position: 2,
            element: 3,
            code: '7',
            message: `Purchase order ${foreign.number} was placed with another supplier`,
          },
        ],
      },
    ]);
    const { data } = await graph.query(ORDER_ACKNOWLEDGMENT, { id: foreign.id }, buyer);
    expect(data!.purchaseOrder!.lines.map((line) => line.acknowledgmentStatus)).toEqual(foreign.lines.map(() => null));
  });
});

/** Two more billable orders of suppliers the tests above did not bill, whose line amounts are whole cents. */
const taxed = (() => {
  const used = new Set([others[0]!.supplierId, others[1]!.supplierId]);
  const wholeCents = (order: DemoPurchaseOrder) =>
    order.lines.every((line) => decimal(line.quantity).times(line.unitPrice).decimalPlaces() <= 2);
  const candidates = others.filter((order) => !used.has(order.supplierId) && wholeCents(order));
  const [first] = candidates;
  const second = candidates.find((order) => order !== first);
  if (!first || !second) throw new Error('The demo world has no two more billable orders');
  return { supplierId: first.supplierId, edi: first, csv: second };
})();

const goodsOf = (order: DemoPurchaseOrder) => sum(order.lines.map((line) => decimal(line.quantity).times(line.unitPrice)));
/** 5 % tax and 3 % freight, to the cent: within the default 10 % allowance, so the invoice still matches. */
const chargesOf = (order: DemoPurchaseOrder) => ({
  tax: goodsOf(order).times('0.05').toDecimalPlaces(2).toFixed(2),
  freight: goodsOf(order).times('0.03').toDecimalPlaces(2).toFixed(2),
});

const INVOICE_CHARGES = graphql(`
  query Edi11($filter: InvoiceFilter) {
    invoices(first: 5, filter: $filter) {
      nodes {
        invoiceNumber
        source
        status
        taxAmount {
          amount
        }
        freightAmount {
          amount
        }
        total {
          amount
        }
      }
    }
  }
`);

describe('tax and freight read from files', () => {
  const taxPartner = { interchangeQualifier: 'ZZ', interchangeId: 'TAXEDI', groupId: 'TAXEDI' };

  it('takes an 810 with TXI tax and SAC*C*D240 freight in with those exact amounts, matched', async () => {
    const set = await graph.query(
      SET_PARTNER,
      { input: { ...medlineProfile, ...taxPartner, supplierId: taxed.supplierId, outbound: ['X12_997'] } },
      integration,
    );
    expect(set.data!.setTradingPartner.userErrors).toEqual([]);
    const order = taxed.edi;
    const { tax, freight } = chargesOf(order);
    const body = invoiceOf(order, 'TAX-INV-1');
    const total = goodsOf(order).plus(tax).plus(freight);
    const segments: SegmentSpec[] = [
      ...body.filter((segment) => segment.tag !== 'TDS' && segment.tag !== 'CTT'),
      { tag: 'TDS', elements: [total.times(100).toFixed(0)] },
      { tag: 'TXI', elements: ['ST', tax] },
      { tag: 'SAC', elements: ['C', 'D240', '', '', decimal(freight).times(100).toFixed(0)] },
      { tag: 'CTT', elements: [String(order.lines.length)] },
    ];
    const content = writeInterchange(
      { sender: taxPartner, receiver: us, controlNumber: 6001, version: '004010', at: new Date('2026-12-02T10:00:00Z') },
      'IN',
      '810',
      [segments],
    );
    const { status, body: answer } = await postInterchange(content);
    expect(status).toBe(200);
    expect(answer.documents).toEqual([expect.objectContaining({ type: 'X12_810', status: 'ACCEPTED' })]);
    const { data } = await graph.query(INVOICE_CHARGES, { filter: { purchaseOrderId: order.id } }, finance);
    expect(data!.invoices.nodes).toEqual([
      {
        invoiceNumber: 'TAX-INV-1',
        source: 'EDI',
        status: 'MATCHED',
        taxAmount: { amount: tax },
        freightAmount: { amount: freight },
        total: { amount: total.toFixed(2) },
      },
    ]);
  });

  it('takes a CSV with tax_amount and freight_amount columns in as a CSV invoice with those exact amounts, matched', async () => {
    const order = taxed.csv;
    const { tax, freight } = chargesOf(order);
    const header =
      'invoice_number,invoice_date,purchase_order_number,line_number,item_number,quantity,unit_price,currency,tax_amount,freight_amount';
    const rows = order.lines.map(
      (line, index) =>
        `TAX-CSV-1,2026-12-01,${order.number},${line.lineNumber},${line.itemNumber},${line.quantity},${line.unitPrice},USD,${index === 0 ? tax : ''},${index === 0 ? freight : ''}`,
    );
    const response = await fetch(`${graph.baseUrl}/files/invoices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await graph.tokenFor(integration)}`, 'content-type': 'text/csv' },
      body: [header, ...rows].join('\r\n'),
    });
    expect(await response.json()).toEqual({ created: 1, errors: [] });
    const { data } = await graph.query(INVOICE_CHARGES, { filter: { purchaseOrderId: order.id } }, finance);
    expect(data!.invoices.nodes).toEqual([
      {
        invoiceNumber: 'TAX-CSV-1',
        source: 'CSV',
        status: 'MATCHED',
        taxAmount: { amount: tax },
        freightAmount: { amount: freight },
        total: { amount: goodsOf(order).plus(tax).plus(freight).toFixed(2) },
      },
    ]);
  });
});

const ORDER_DELIVERY = graphql(`
  query Edi12($id: ID!) {
    purchaseOrder(id: $id) {
      publication {
        state
      }
      syncStatus {
        system
        state
      }
      journey {
        steps {
          system
          action
          outcome
        }
        stuck
      }
    }
  }
`);

const ISSUE_ORDER = graphql(`
  mutation Edi13($input: IssuePurchaseOrderInput!) {
    issuePurchaseOrder(input: $input) {
      purchaseOrder {
        id
      }
      userErrors {
        code
      }
    }
  }
`);

async function issueOrder(idempotencyKey: string) {
  const lines = [
    { itemNumber: 'GLV-NIT-200', description: 'Nitrile gloves, large', quantity: '6', unitOfMeasure: 'BX', unitPrice: '21.40' },
  ];
  const { data } = await graph.query(ISSUE_ORDER, { input: { supplierId, idempotencyKey, lines } }, buyer);
  expect(data!.issuePurchaseOrder.userErrors).toEqual([]);
  return data!.issuePurchaseOrder.purchaseOrder!.id;
}

const onPortal = async (orderId: string) =>
  (await fetch(`${graph.app.systems.vendorPlatformUrl}/api/v1/portal/purchase-orders/${orderId}`)).status;

/** The EDI_ONLY order's 850, shared with the 997 rejection test below. */
let ediOnly850: { id: string; interchangeControlNumber: string | null } | undefined;

describe('orders by EDI besides or instead of the portal, by profile', () => {
  it('refuses EDI_ONLY for a partner that does not receive 850s', async () => {
    const { data } = await graph.query(
      graphql(`
        mutation Edi14($input: TradingPartnerInput!) {
          setTradingPartner(input: $input) {
            partner {
              orderDelivery
            }
            userErrors {
              field
              code
            }
          }
        }
      `),
      { input: { ...medlineProfile, outbound: ['X12_820'], orderDelivery: 'EDI_ONLY' } },
      integration,
    );
    expect(data!.setTradingPartner).toEqual({
      partner: null,
      userErrors: [{ field: ['input', 'orderDelivery'], code: 'EDI_ONLY_WITHOUT_850' }],
    });
  });

  it("publishes an EDI_AND_PORTAL partner's order on the portal and sends its 850", async () => {
    const orderId = await issueOrder('edi-delivery-both');
    const document = await sentDocument('X12_850', (node) => node.purchaseOrder?.id === orderId);
    expect(document.status).toBe('SENT');
    const order = await eventually(async () => {
      const { data } = await graph.query(ORDER_DELIVERY, { id: orderId }, buyer);
      return data!.purchaseOrder!.publication.state === 'PUBLISHED' ? data!.purchaseOrder! : undefined;
    });
    expect(order.syncStatus.map(({ system, state }) => `${system}:${state}`).sort()).toEqual(['ERP:SYNCED', 'VENDOR_PLATFORM:SYNCED']);
    expect(await onPortal(orderId)).toBe(200);
  });

  it("sends an EDI_ONLY partner's order as an 850 only: not on the portal, saying so, nothing left pending", async () => {
    const changed = await graph.query(SET_PARTNER, { input: { ...medlineProfile, orderDelivery: 'EDI_ONLY' } }, integration);
    expect(changed.data!.setTradingPartner.userErrors).toEqual([]);
    const orderId = await issueOrder('edi-delivery-only');
    const document = await sentDocument('X12_850', (node) => node.purchaseOrder?.id === orderId);
    ediOnly850 = document;
    expect(document.status).toBe('SENT');
    const order = await eventually(async () => {
      const { data } = await graph.query(ORDER_DELIVERY, { id: orderId }, buyer);
      const found = data!.purchaseOrder!;
      return found.journey.steps.some((step) => step.action === 'edi-purchase-orders' && step.outcome === 'SUCCEEDED') ? found : undefined;
    });
    expect(order.publication.state).toBe('NOT_PUBLISHED');
    expect(order.syncStatus.map(({ system, state }) => `${system}:${state}`)).toEqual(['ERP:SYNCED']);
    expect(order.journey.stuck).toBe(false);
    expect(order.journey.steps.filter((step) => step.system === 'VENDOR_PLATFORM')).toEqual([]);
    expect(order.journey.steps).toContainEqual({
      system: 'PROCUREGRAPH',
      action: 'not published on the portal: the supplier takes orders by EDI only',
      outcome: 'SUCCEEDED',
    });
    expect(await onPortal(orderId)).toBe(404);
  });
});

describe('a 997 rejecting what we sent', () => {
  it('marks the 850 REJECTED with the codes of the 997, no longer overdue', async () => {
    const sent = ediOnly850!;
    const group = String(Number(sent.interchangeControlNumber));
    const rejection = writeInterchange(
      { sender: partner, receiver: us, controlNumber: 5002, version: '004010', at: new Date('2026-12-03T09:00:00Z') },
      'FA',
      '997',
      [
        [
          { tag: 'AK1', elements: ['PO', group] },
          { tag: 'AK2', elements: ['850', '0001'] },
          { tag: 'AK3', elements: ['PO1', '6', '', '8'] },
          { tag: 'AK4', elements: ['4', '', '7'] },
          { tag: 'AK5', elements: ['R', '5'] },
          { tag: 'AK9', elements: ['R', '1', '1', '0'] },
        ],
      ],
    );
    const { status, body } = await postInterchange(rejection);
    expect(status).toBe(200);
    expect(body.documents).toEqual([expect.objectContaining({ type: 'X12_997', status: 'ACCEPTED' })]);
    const { data } = await graph.query(DOCUMENTS, { filter: { direction: 'OUTBOUND', type: 'X12_850', status: 'REJECTED' } }, integration);
    expect(data!.ediDocuments.nodes.map(({ id, overdue, errors }) => ({ id, overdue, errors }))).toEqual([
      {
        id: sent.id,
        overdue: false,
        errors: [
          { segment: 'PO1', position: 6, element: 4, code: '7', message: 'AK403 7: element 4 of PO1 in error' },
          { segment: 'AK5', position: null, element: null, code: '5', message: 'AK5 code 5' },
        ],
      },
    ]);
  });
});

const ALL_DOCUMENTS = graphql(`
  query Edi15 {
    ediDocuments(first: 200) {
      nodes {
        id
        status
        receivedAt
        content
        errors {
          code
        }
        invoice {
          id
        }
        purchaseOrder {
          id
        }
        payment {
          id
        }
      }
    }
  }
`);

describe('retention', () => {
  const listArchive = (name: string) => readdir(inFolder(name)).catch(() => [] as string[]);
  const archived = (name: string, count: number) =>
    eventually(async () => ((await listArchive(name)).length === count ? listArchive(name) : undefined));

  it('purges the raw content and archived files past EDI_RETENTION_DAYS, keeping the documents and everything newer', async () => {
    await writeFile(inFolder('inbox', 'old-garbage.txt'), 'not X12 at all');
    const rejectedBefore = await archived('rejected', 1);
    const processedBefore = await listArchive('processed');
    expect(processedBefore).toHaveLength(1);
    const before = (await graph.query(ALL_DOCUMENTS, {}, integration)).data!.ediDocuments.nodes;
    expect(before.every((node) => node.content !== null)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const cutoff = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const newer = acceptanceOf('PO', '850', '999999', 5003);
    await writeFile(inFolder('inbox', 'new-997.edi'), newer);
    await writeFile(inFolder('inbox', 'new-garbage.txt'), 'still not X12');
    await archived('processed', 2);
    await archived('rejected', 2);

    businessTime = new Date(cutoff.getTime() + Number(RETENTION_DAYS) * 24 * 60 * 60 * 1000);
    const after = await eventually(async () => {
      const { data } = await graph.query(ALL_DOCUMENTS, {}, integration);
      const nodes = data!.ediDocuments.nodes;
      return nodes.filter((node) => node.content === null).length === before.length ? nodes : undefined;
    });
    const old = new Set(before.map((node) => node.id));
    expect(after.filter((node) => old.has(node.id))).toEqual(before.map((node) => ({ ...node, content: null })));
    const kept = after.filter((node) => !old.has(node.id));
    expect(kept.map((node) => node.status).sort()).toEqual(['ACCEPTED', 'SENT']);
    expect(kept.every((node) => node.content?.startsWith('ISA*'))).toBe(true);

    const remaining = await eventually(async () => {
      const [processed, rejected] = await Promise.all([listArchive('processed'), listArchive('rejected')]);
      return processed.length === 1 && rejected.length === 1 ? { processed, rejected } : undefined;
    });
    expect(remaining.processed[0]).toMatch(/-new-997\.edi$/);
    expect(remaining.rejected[0]).toMatch(/-new-garbage\.txt$/);
    expect(rejectedBefore[0]).toMatch(/-old-garbage\.txt$/);
  });
});
