import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '@procuregraph/platform/inbound';
import { call, startWebhookReceiver, tinyWorld, tinyWorldIds } from '@procuregraph/reference-http/testing';
import type { RunningSystem } from '@procuregraph/reference-http';
import { startErp } from './server.ts';

let erp: RunningSystem;
let api: string;

beforeAll(async () => {
  erp = await startErp({ port: 0, world: tinyWorld() });
  api = `${erp.url}/fscmRestApi/resources/11.13.18.05`;
});
afterAll(() => erp.close());

const newSupplier = (name: string, taxpayerId: string) => ({
  Supplier: name,
  TaxOrganizationTypeCode: 'CORPORATION',
  BusinessRelationshipCode: 'SPEND_AUTHORIZED',
  TaxpayerId: taxpayerId,
});

/** The fields the tests read from an event's resource: a supplier, an order or a payment. */
interface BusinessEventResource {
  sites?: { items: { SupplierSite: string }[] };
  DocumentStatusCode?: string;
  relatedInvoices?: { items: { InvoiceId: number }[] };
  PaymentStatus?: string;
  PaymentId?: number;
}

async function eventsAfter(after: number) {
  return (await call(`${api}/businessEvents?after=${after}&limit=500`)).body.items as {
    Sequence: number;
    EventType: string;
    PreviousStatus: string | null;
    Resource: BusinessEventResource;
  }[];
}

async function lastSequence(): Promise<number> {
  let after = 0;
  for (;;) {
    const items = await eventsAfter(after);
    if (items.length === 0) return after;
    after = items.at(-1)!.Sequence;
  }
}

describe('collections', () => {
  it('answers in the Fusion envelope with limit and offset paging', async () => {
    for (let index = 0; index < 3; index += 1) {
      expect((await call(`${api}/suppliers`, { body: newSupplier(`Paging Supplier ${index}`, `98765432${index}`) })).status).toBe(201);
    }
    const first = await call(`${api}/suppliers?limit=2&offset=0&totalResults=true`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ count: 2, hasMore: true, limit: 2, offset: 0, totalResults: 4 });
    const last = await call(`${api}/suppliers?limit=2&offset=2`);
    expect(last.body).toMatchObject({ count: 2, hasMore: false, offset: 2 });
    expect(last.body.items.map((item: { Supplier: string }) => item.Supplier)).toEqual(['Paging Supplier 1', 'Paging Supplier 2']);
  });

  it('refuses a limit over 500 with a Fusion error body', async () => {
    const response = await call(`${api}/suppliers?limit=501`);
    expect(response.status).toBe(400);
    expect(response.body['o:errorDetails'][0]).toMatchObject({ 'o:errorCode': 'FND-REST-LIMIT-EXCEEDED' });
    expect((await call(`${api}/suppliers?limit=500`)).status).toBe(200);
    expect((await call(`${api}/suppliers?limit=abc`)).status).toBe(400);
  });

  it('filters with q: equality, ; as AND, quoted values, child attributes', async () => {
    const byNumber = await call(`${api}/suppliers?q=SupplierNumber=10001`);
    expect(byNumber.body.items.map((item: { Supplier: string }) => item.Supplier)).toEqual(['Acme Medical Supply Inc']);
    const both = await call(`${api}/suppliers?q=${encodeURIComponent("Supplier='Acme Medical Supply Inc';Status=ACTIVE")}`);
    expect(both.body.count).toBe(1);
    const none = await call(`${api}/suppliers?q=${encodeURIComponent('Supplier=Acme Medical Supply Inc;Status=INACTIVE')}`);
    expect(none.body.count).toBe(0);
    const partyId = byNumber.body.items[0].SupplierPartyId;
    const accounts = await call(`${api}/externalBankAccounts?q=accountOwners.AccountOwnerPartyIdentifier=${partyId}`);
    expect(accounts.body.count).toBe(1);
    const bad = await call(`${api}/suppliers?q=NoSuchAttribute=1`);
    expect(bad.status).toBe(400);
    expect(bad.body['o:errorCode']).toBe('FND-REST-BAD-QUERY');
  });

  it('inlines child collections only when expanded, and serves them under /child', async () => {
    const orderId = tinyWorldIds.purchaseOrder.erpPoHeaderId;
    const plain = await call(`${api}/purchaseOrders/${orderId}`);
    expect(plain.body.lines).toBeUndefined();
    const expanded = await call(`${api}/purchaseOrders/${orderId}?expand=lines.schedules`);
    const [line] = expanded.body.lines.items;
    expect(line.schedules.items[0]).toMatchObject({ ScheduleNumber: 1, Quantity: '10', QuantityReceived: '10', QuantityBilled: '10' });
    const lines = await call(`${api}/purchaseOrders/${orderId}/child/lines`);
    expect(lines.body.items.map((item: { LineNumber: number }) => item.LineNumber)).toEqual([1, 2]);
    const schedules = await call(`${api}/purchaseOrders/${orderId}/child/lines/${line.POLineId}/child/schedules`);
    expect(schedules.body.count).toBe(1);
    expect((await call(`${api}/purchaseOrders/1/child/lines`)).status).toBe(404);
  });
});

describe('suppliers', () => {
  it('creates one supplier for a retried POST with the same Idempotency-Key', async () => {
    const body = newSupplier('Idempotent Surgical Co', '123450001');
    const headers = { 'Idempotency-Key': 'onboard-idempotent-1' };
    const first = await call(`${api}/suppliers`, { body, headers });
    const second = await call(`${api}/suppliers`, { body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.SupplierId).toBe(first.body.SupplierId);
    const listed = await call(`${api}/suppliers?q=${encodeURIComponent('Supplier=Idempotent Surgical Co')}`);
    expect(listed.body.count).toBe(1);
    const reused = await call(`${api}/suppliers`, { body: { ...body, Supplier: 'Another Name' }, headers });
    expect(reused.status).toBe(422);
  });

  it('rejects what Fusion rejects: a taxpayer id that is not 9 digits, a duplicate name, unknown attributes', async () => {
    const shortTin = await call(`${api}/suppliers`, { body: newSupplier('Short Tin Co', '12-3456789') });
    expect(shortTin.status).toBe(400);
    expect(shortTin.headers.get('content-type')).toContain('application/vnd.oracle.adf.error+json');
    expect(shortTin.body).toMatchObject({ status: 400, 'o:errorDetails': [{ 'o:errorCode': 'POZ-TAXPAYER-ID-INVALID' }] });
    const duplicate = await call(`${api}/suppliers`, { body: newSupplier('ACME MEDICAL SUPPLY INC', '555555555') });
    expect(duplicate.body['o:errorCode']).toBe('POZ-SUPPLIER-NAME-EXISTS');
    const unknown = await call(`${api}/suppliers`, { body: { ...newSupplier('Extra Co', '555555556'), Color: 'blue' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('Color');
    const notJson = await fetch(`${api}/suppliers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"Supplier":',
    });
    expect(notJson.status).toBe(400);
  });

  it('adds addresses and sites as children and reports the changes in the feed', async () => {
    const before = await lastSequence();
    const supplier = (await call(`${api}/suppliers`, { body: newSupplier('Site Builder LLC', '223344556') })).body;
    const address = await call(`${api}/suppliers/${supplier.SupplierId}/child/addresses`, {
      body: { AddressName: 'HQ', CountryCode: 'US', AddressLine1: '1 Way', City: 'Austin', State: 'TX', PostalCode: '73301' },
    });
    expect(address.status).toBe(201);
    const longSite = await call(`${api}/suppliers/${supplier.SupplierId}/child/sites`, {
      body: { SupplierSite: 'A-SITE-NAME-TOO-LONG', ProcurementBU: 'Health Network BU', SupplierAddressName: 'HQ' },
    });
    expect(longSite.status).toBe(400);
    const site = await call(`${api}/suppliers/${supplier.SupplierId}/child/sites`, {
      body: { SupplierSite: 'AUSTIN', ProcurementBU: 'Health Network BU', SupplierAddressName: 'HQ', PaymentMethodCode: 'CHECK' },
    });
    expect(site.body).toMatchObject({ SupplierAddressId: address.body.SupplierAddressId, PaymentMethodCode: 'CHECK' });
    const sites = await call(`${api}/suppliers/${supplier.SupplierId}/child/sites`);
    expect(sites.body.count).toBe(1);
    const events = await eventsAfter(before);
    expect(events.map((event) => event.EventType)).toEqual(['SupplierCreated', 'SupplierUpdated', 'SupplierUpdated']);
    expect(events.at(-1)!.Resource.sites?.items[0]?.SupplierSite).toBe('AUSTIN');
  });
});

describe('external bank accounts', () => {
  it('accepts the full account number and only ever returns it masked', async () => {
    const supplier = (await call(`${api}/suppliers`, { body: newSupplier('Bank Owner Inc', '334455667') })).body;
    const created = await call(`${api}/externalBankAccounts`, {
      body: {
        BankAccountNumber: '9876541234',
        BankBranchNumber: '011000015',
        AccountType: 'CHECKING',
        accountOwners: [{ AccountOwnerPartyIdentifier: supplier.SupplierPartyId }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ BankAccountNumber: 'XXXXXX1234', EndDate: '4712-12-31' });
    const read = await call(`${api}/externalBankAccounts/${created.body.BankAccountId}?expand=accountOwners`);
    expect(read.body.BankAccountNumber).toBe('XXXXXX1234');
    expect(read.body.accountOwners.items[0].AccountOwnerPartyName).toBe('Bank Owner Inc');
    const events = await eventsAfter((await lastSequence()) - 1);
    expect(JSON.stringify(events)).not.toContain('9876541234');
  });

  it('rejects a routing number that fails the ABA checksum', async () => {
    const supplier = (await call(`${api}/suppliers?q=SupplierNumber=10001`)).body.items[0];
    const response = await call(`${api}/externalBankAccounts`, {
      body: {
        BankAccountNumber: '12345678',
        BankBranchNumber: '011000016',
        AccountType: 'SAVINGS',
        accountOwners: [{ AccountOwnerPartyIdentifier: supplier.SupplierPartyId }],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body['o:errorCode']).toBe('IBY-ROUTING-NUMBER-INVALID');
  });
});

describe('purchasing, receiving and payables', () => {
  it('issues an order, closes it for receiving once received, and bills it', async () => {
    const before = await lastSequence();
    const order = await call(`${api}/purchaseOrders`, {
      body: {
        SupplierId: tinyWorldIds.activeSupplier.erp!.supplierId,
        lines: [{ Item: 'GLV-100', Description: 'Gloves', Quantity: '4', UOM: 'BX', Price: '8.50' }],
      },
      headers: { 'Idempotency-Key': 'po-issue-1' },
    });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ DocumentStatusCode: 'OPEN', Total: '34.00' });
    const over = await call(`${api}/receivingReceiptRequests`, {
      body: { lines: [{ DocumentNumber: order.body.OrderNumber, DocumentLineNumber: 1, Quantity: '5' }] },
    });
    expect(over.body['o:errorCode']).toBe('RCV-OVER-RECEIPT');
    const receipt = await call(`${api}/receivingReceiptRequests`, {
      body: { lines: [{ DocumentNumber: order.body.OrderNumber, DocumentLineNumber: 1, Quantity: '4' }] },
    });
    expect(receipt.status).toBe(201);
    expect(receipt.body.lines.items[0]).toMatchObject({ DocumentNumber: order.body.OrderNumber, Quantity: '4' });
    expect((await call(`${api}/purchaseOrders/${order.body.POHeaderId}`)).body.DocumentStatusCode).toBe('CLOSED_FOR_RECEIVING');

    const invoice = await call(`${api}/invoices`, {
      body: {
        InvoiceNumber: 'ACME-2001',
        InvoiceAmount: '34.00',
        InvoiceDate: '2024-03-01',
        SupplierNumber: '10001',
        invoiceLines: [
          {
            LineAmount: '34.00',
            Quantity: '4',
            UnitPrice: '8.50',
            PurchaseOrderNumber: order.body.OrderNumber,
            PurchaseOrderLineNumber: 1,
          },
        ],
      },
    });
    expect(invoice.status).toBe(201);
    expect(invoice.body).toMatchObject({ ValidationStatus: 'Validated', PaidStatus: 'Unpaid', InvoiceAmount: '34.00' });
    const events = await eventsAfter(before);
    expect(events.map((event) => event.EventType)).toEqual([
      'PurchaseOrderIssued',
      'ReceiptRecorded',
      'PurchaseOrderChanged',
      'InvoiceCreated',
    ]);
    expect(events[2]).toMatchObject({ PreviousStatus: 'OPEN', Resource: { DocumentStatusCode: 'CLOSED_FOR_RECEIVING' } });
  });

  it('refuses a duplicate invoice number and an amount that differs from its lines', async () => {
    const base = { InvoiceDate: '2024-03-02', SupplierNumber: '10001', invoiceLines: [{ LineAmount: '10.00' }] };
    const duplicate = await call(`${api}/invoices`, { body: { ...base, InvoiceNumber: 'ACME-1001', InvoiceAmount: '10.00' } });
    expect(duplicate.body['o:errorCode']).toBe('AP-DUPLICATE-INVOICE-NUMBER');
    const mismatch = await call(`${api}/invoices`, { body: { ...base, InvoiceNumber: 'ACME-3001', InvoiceAmount: '11.00' } });
    expect(mismatch.body['o:errorCode']).toBe('AP-INVOICE-AMOUNT-MISMATCH');
    const float = await call(`${api}/invoices`, { body: { ...base, InvoiceNumber: 'ACME-3002', InvoiceAmount: 'ten' } });
    expect(float.status).toBe(400);
  });

  it('answers a create whose answer was lost with the invoice created under its Idempotency-Key, and only that one', async () => {
    const body = {
      InvoiceNumber: 'ACME-4001',
      InvoiceAmount: '10.00',
      InvoiceDate: '2024-03-02',
      SupplierNumber: '10001',
      invoiceLines: [{ LineAmount: '10.00' }],
    };
    const headers = { 'Idempotency-Key': 'send-invoice-4001' };
    await call(`${erp.url}/admin/faults`, { body: { lostResponses: { path: '/fscmRestApi/resources/11.13.18.05/invoices', count: 1 } } });
    await expect(call(`${api}/invoices`, { body, headers })).rejects.toThrow('fetch failed');
    expect((await call(`${erp.url}/admin/faults`)).body.lostResponses).toEqual({
      path: '/fscmRestApi/resources/11.13.18.05/invoices',
      count: 0,
      after: 0,
    });
    const committed = (await call(`${api}/invoices?q=InvoiceNumber=ACME-4001`)).body.items;
    expect(committed).toHaveLength(1);

    const retried = await call(`${api}/invoices`, { body, headers });
    expect([retried.status, retried.headers.get('Idempotent-Replayed'), retried.body.InvoiceId]).toEqual([
      200,
      'true',
      committed[0].InvoiceId,
    ]);
    const otherKey = await call(`${api}/invoices`, { body, headers: { 'Idempotency-Key': 'another' } });
    expect([otherKey.status, otherKey.body['o:errorCode']]).toEqual([400, 'AP-DUPLICATE-INVOICE-NUMBER']);
    const otherInvoice = await call(`${api}/invoices`, { body: { ...body, InvoiceNumber: 'ACME-4002' }, headers });
    expect([otherInvoice.status, otherInvoice.body['o:errorCode']]).toEqual([422, 'FND-REST-IDEMPOTENCY-KEY-REUSED']);
    expect((await call(`${api}/invoices?q=InvoiceNumber=ACME-4001`)).body.items).toHaveLength(1);
    await call(`${erp.url}/admin/faults`, { body: {} });
  });
});

interface ErpInvoiceView {
  InvoiceId: number;
  InvoiceNumber: string;
  PaidStatus: string;
  AmountPaid: string;
  AmountRemaining: string;
}

interface ErpRelatedView {
  InvoiceId: number;
  InvoiceNumber: string;
  InvoiceType: string;
  AmountPaid: string;
}

const paidView = (invoice: ErpInvoiceView) => [invoice.InvoiceNumber, invoice.PaidStatus, invoice.AmountPaid, invoice.AmountRemaining];

describe('credit memos', () => {
  const creditMemo = (supplier: string, number: string, amount: string, corrected: string | null, lines = [amount]) => ({
    InvoiceNumber: number,
    InvoiceType: 'Credit memo',
    InvoiceAmount: amount,
    InvoiceDate: '2024-05-02',
    Supplier: supplier,
    invoiceLines: lines.map((line) => ({ LineAmount: line, ...(corrected === null ? {} : { CorrectedInvoiceNumber: corrected }) })),
  });

  it('takes a credit memo of a supplier invoice, negative and exact, once per Idempotency-Key, and settles an invoice credited in full with a zero-amount payment', async () => {
    const supplier = (await call(`${api}/suppliers`, { body: newSupplier('Credit Givers Co', '123123123') })).body.Supplier;
    const invoice = { InvoiceNumber: 'CG-1', InvoiceAmount: '100.00', InvoiceDate: '2024-05-01', Supplier: supplier };
    expect((await call(`${api}/invoices`, { body: { ...invoice, invoiceLines: [{ LineAmount: '100.00' }] } })).status).toBe(201);
    const headers = { 'Idempotency-Key': 'credit-memo:cg-cm-1' };
    const created = await call(`${api}/invoices?expand=invoiceLines`, { body: creditMemo(supplier, 'CG-CM-1', '-12.34', 'CG-1'), headers });
    expect([created.status, created.body.InvoiceType, created.body.InvoiceAmount, created.body.PaidStatus]).toEqual([
      201,
      'Credit memo',
      '-12.34',
      'Unpaid',
    ]);
    const retried = await call(`${api}/invoices`, { body: creditMemo(supplier, 'CG-CM-1', '-12.34', 'CG-1'), headers });
    expect([retried.status, retried.headers.get('Idempotent-Replayed'), retried.body.InvoiceId]).toEqual([
      200,
      'true',
      created.body.InvoiceId,
    ]);
    const lines = (await call(`${api}/invoices/${created.body.InvoiceId}/child/invoiceLines`)).body.items;
    expect(
      lines.map((line: { LineAmount: string; CorrectedInvoiceNumber: string }) => [line.LineAmount, line.CorrectedInvoiceNumber]),
    ).toEqual([['-12.34', 'CG-1']]);
    // 87.66 is what the invoice has left: exactly that is taken.
    const rest = await call(`${api}/invoices`, { body: creditMemo(supplier, 'CG-CM-2', '-87.66', 'CG-1', ['-80.00', '-7.66']) });
    expect([rest.status, rest.body.InvoiceAmount]).toEqual([201, '-87.66']);

    await call(`${erp.url}/admin/payment-run`, { method: 'POST' });
    const payments = (await call(`${api}/payablesPayments?q=Supplier="${supplier}"&expand=relatedInvoices`)).body.items as {
      PaymentAmount: string;
      relatedInvoices: { items: ErpRelatedView[] };
    }[];
    expect(
      payments.map((payment) => [
        payment.PaymentAmount,
        payment.relatedInvoices.items.map((related) => [related.InvoiceNumber, related.InvoiceType, related.AmountPaid]),
      ]),
    ).toEqual([
      [
        '0.00',
        [
          ['CG-1', 'Standard', '100.00'],
          ['CG-CM-1', 'Credit memo', '-12.34'],
          ['CG-CM-2', 'Credit memo', '-87.66'],
        ],
      ],
    ]);
    const documents = (await call(`${api}/invoices?q=Supplier="${supplier}"`)).body.items as ErpInvoiceView[];
    expect(documents.map(paidView)).toEqual([
      ['CG-1', 'Paid', '100.00', '0.00'],
      ['CG-CM-1', 'Paid', '-12.34', '0.00'],
      ['CG-CM-2', 'Paid', '-87.66', '0.00'],
    ]);
  });

  it('applies the credit memos of an invoice with it in the payment run: the payment is the net, and a void reopens both', async () => {
    const supplier = (await call(`${api}/suppliers`, { body: newSupplier('Net Payees Co', '456456456') })).body;
    const invoice = { InvoiceNumber: 'NP-1', InvoiceAmount: '1000.00', InvoiceDate: '2024-05-01', Supplier: supplier.Supplier };
    const created = await call(`${api}/invoices`, { body: { ...invoice, invoiceLines: [{ LineAmount: '1000.00' }] } });
    const credit = await call(`${api}/invoices`, { body: creditMemo(supplier.Supplier, 'NP-CM-1', '-150.00', 'NP-1') });
    expect([created.status, credit.status]).toEqual([201, 201]);
    const documents = async () =>
      ((await call(`${api}/invoices?q=SupplierId=${supplier.SupplierId}`)).body.items as ErpInvoiceView[]).map(paidView);

    await call(`${erp.url}/admin/payment-run`, { method: 'POST' });
    const [payment, ...others] = (await call(`${api}/payablesPayments?q=SupplierId=${supplier.SupplierId}&expand=relatedInvoices`)).body
      .items as { PaymentId: number; PaymentAmount: string; relatedInvoices: { items: ErpRelatedView[] } }[];
    expect([others.length, payment!.PaymentAmount]).toEqual([0, '850.00']);
    expect(payment!.relatedInvoices.items.map((related) => [related.InvoiceId, related.InvoiceType, related.AmountPaid])).toEqual([
      [created.body.InvoiceId, 'Standard', '1000.00'],
      [credit.body.InvoiceId, 'Credit memo', '-150.00'],
    ]);
    expect(await documents()).toEqual([
      ['NP-1', 'Paid', '1000.00', '0.00'],
      ['NP-CM-1', 'Paid', '-150.00', '0.00'],
    ]);

    await call(`${erp.url}/admin/payment-run`, { method: 'POST' });
    await call(`${erp.url}/admin/payment-run`, { method: 'POST' });
    expect((await call(`${api}/payablesPayments/${payment!.PaymentId}`)).body.PaymentStatus).toBe('Cleared');
    expect((await call(`${erp.url}/admin/payments/${payment!.PaymentId}/void`, { method: 'POST' })).body.PaymentStatus).toBe('Voided');
    expect(await documents()).toEqual([
      ['NP-1', 'Unpaid', '0.00', '1000.00'],
      ['NP-CM-1', 'Unpaid', '0.00', '-150.00'],
    ]);
  });

  it('refuses, as Fusion does, a credit memo that is not negative, credits no invoice of its supplier, or more than is left', async () => {
    const supplier = (await call(`${api}/suppliers`, { body: newSupplier('Credit Checkers Co', '234234234') })).body.Supplier;
    const other = (await call(`${api}/suppliers`, { body: newSupplier('Someone Else Co', '345345345') })).body.Supplier;
    const invoice = (number: string, name: string, amount: string) => ({
      InvoiceNumber: number,
      InvoiceAmount: amount,
      InvoiceDate: '2024-05-01',
      Supplier: name,
      invoiceLines: [{ LineAmount: amount }],
    });
    expect((await call(`${api}/invoices`, { body: invoice('CC-1', supplier, '50.00') })).status).toBe(201);
    expect((await call(`${api}/invoices`, { body: invoice('SE-1', other, '50.00') })).status).toBe(201);
    const refusals = [
      [creditMemo(supplier, 'CC-CM-1', '10.00', 'CC-1'), 'AP-INVOICE-AMOUNT-SIGN'],
      [creditMemo(supplier, 'CC-CM-1', '0.00', 'CC-1'), 'AP-INVOICE-AMOUNT-SIGN'],
      [invoice('CC-2', supplier, '-5.00'), 'AP-INVOICE-AMOUNT-SIGN'],
      [creditMemo(supplier, 'CC-CM-1', '-5.00', 'SE-1'), 'AP-CORRECTED-INVOICE-NOT-FOUND'],
      [creditMemo(supplier, 'CC-CM-1', '-5.00', 'CC-404'), 'AP-CORRECTED-INVOICE-NOT-FOUND'],
      [creditMemo(supplier, 'CC-CM-1', '-5.00', null), 'FND-REST-BAD-REQUEST'],
      [creditMemo(supplier, 'CC-CM-1', '-50.01', 'CC-1'), 'AP-CREDIT-EXCEEDS-INVOICE'],
      [creditMemo(supplier, 'CC-CM-1', '-5.00', 'CC-1', ['-5.001']), 'AP-INVOICE-AMOUNT-MISMATCH'],
    ] as const;
    for (const [body, code] of refusals) {
      const refused = await call(`${api}/invoices`, { body });
      expect([refused.status, refused.body['o:errorCode'], refused.headers.get('content-type')]).toEqual([
        400,
        code,
        'application/vnd.oracle.adf.error+json; charset=utf-8',
      ]);
    }
    const held = (await call(`${api}/invoices?q=Supplier="${supplier}"`)).body.items as { InvoiceNumber: string }[];
    expect(held.map((row) => row.InvoiceNumber)).toEqual(['CC-1']);
  });
});

describe('payment run', () => {
  it('advances SCHEDULED → SENT → CLEARED one step per run, with events in order', async () => {
    const supplier = (await call(`${api}/suppliers`, { body: newSupplier('Payee Partners LLP', '445566778') })).body;
    const invoice = (
      await call(`${api}/invoices`, {
        body: {
          InvoiceNumber: 'PP-1',
          InvoiceAmount: '1200.50',
          InvoiceDate: '2024-04-01',
          Supplier: supplier.Supplier,
          invoiceLines: [{ LineAmount: '1200.50' }],
        },
      })
    ).body;
    const before = await lastSequence();
    const runs = [];
    for (let run = 0; run < 4; run += 1) runs.push((await call(`${erp.url}/admin/payment-run`, { method: 'POST' })).body.advanced);
    // Run 1 advances the seeded Issued payment and schedules the two unpaid invoices; run 4 has nothing left.
    expect(runs.at(-1)).toBe(0);

    const mine = (await eventsAfter(before)).filter((event) => event.Resource.relatedInvoices?.items[0]?.InvoiceId === invoice.InvoiceId);
    expect(mine.map((event) => [event.PreviousStatus, event.Resource.PaymentStatus])).toEqual([
      [null, 'Issued'],
      ['Issued', 'Negotiable'],
      ['Negotiable', 'Cleared'],
    ]);
    const sequences = mine.map((event) => event.Sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    const payment = (await call(`${api}/payablesPayments?q=PaymentId=${mine[0]!.Resource.PaymentId!}`)).body.items[0];
    expect(payment).toMatchObject({ PaymentStatus: 'Cleared', PaymentAmount: '1200.50', VoidDate: null });
    expect(payment.ClearingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await call(`${api}/invoices/${invoice.InvoiceId}`)).body.PaidStatus).toBe('Paid');
  });

  it('fails and voids payments through the admin helpers', async () => {
    const supplier = (await call(`${api}/suppliers`, { body: newSupplier('Void Testers Inc', '556677889') })).body;
    for (const number of ['VT-1', 'VT-2']) {
      await call(`${api}/invoices`, {
        body: {
          InvoiceNumber: number,
          InvoiceAmount: '5.00',
          InvoiceDate: '2024-04-02',
          Supplier: supplier.Supplier,
          invoiceLines: [{ LineAmount: '5.00' }],
        },
      });
    }
    await call(`${erp.url}/admin/payment-run`, { method: 'POST' });
    const payments = (await call(`${api}/payablesPayments?q=SupplierId=${supplier.SupplierId}`)).body.items;
    expect(payments).toHaveLength(2);
    const failed = await call(`${erp.url}/admin/payments/${payments[0].PaymentId}/fail`, { method: 'POST' });
    expect(failed.body.PaymentStatus).toBe('Spoiled');
    const voided = await call(`${erp.url}/admin/payments/${payments[1].PaymentId}/void`, { method: 'POST' });
    expect(voided.body).toMatchObject({ PaymentStatus: 'Voided' });
    expect(voided.body.VoidDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const again = await call(`${erp.url}/admin/payments/${payments[1].PaymentId}/fail`, { method: 'POST' });
    expect(again.status).toBe(409);
    const invoices = (await call(`${api}/invoices?q=SupplierId=${supplier.SupplierId}`)).body.items;
    expect(invoices.map((item: { PaidStatus: string }) => item.PaidStatus)).toEqual(['Unpaid', 'Unpaid']);
    const events = await eventsAfter((await lastSequence()) - 2);
    expect(events.map((event) => [event.PreviousStatus, event.Resource.PaymentStatus])).toEqual([
      ['Issued', 'Spoiled'],
      ['Issued', 'Voided'],
    ]);
  });

  it('pays several invoices with one manual payment, part of one, and unpays them when a cleared payment is voided', async () => {
    const supplier = (await call(`${api}/suppliers`, { body: newSupplier('Batch Payees Ltd', '667788990') })).body;
    const ids: number[] = [];
    for (const [number, amount] of [
      ['BP-1', '10.00'],
      ['BP-2', '20.50'],
      ['BP-3', '100.00'],
    ] as const) {
      ids.push(
        (
          await call(`${api}/invoices`, {
            body: {
              InvoiceNumber: number,
              InvoiceAmount: amount,
              InvoiceDate: '2024-04-02',
              Supplier: supplier.Supplier,
              invoiceLines: [{ LineAmount: amount }],
            },
          })
        ).body.InvoiceId,
      );
    }
    const both = await call(`${erp.url}/admin/payments`, { body: { relatedInvoices: [{ InvoiceId: ids[0] }, { InvoiceId: ids[1] }] } });
    expect(both.status).toBe(201);
    expect(both.body).toMatchObject({ PaymentStatus: 'Issued', PaymentAmount: '30.50' });
    const part = await call(`${erp.url}/admin/payments`, { body: { relatedInvoices: [{ InvoiceId: ids[2], AmountPaid: '40.00' }] } });
    expect(part.body.PaymentAmount).toBe('40.00');
    const tooMuch = await call(`${erp.url}/admin/payments`, { body: { relatedInvoices: [{ InvoiceId: ids[2], AmountPaid: '60.01' }] } });
    expect(tooMuch.status).toBe(400);
    const related = (await call(`${api}/payablesPayments/${both.body.PaymentId}/child/relatedInvoices`)).body.items;
    expect(related.map((item: { InvoiceId: number; AmountPaid: string }) => [item.InvoiceId, item.AmountPaid])).toEqual([
      [ids[0], '10.00'],
      [ids[1], '20.50'],
    ]);
    const paidStatuses = async () =>
      (await call(`${api}/invoices?q=SupplierId=${supplier.SupplierId}`)).body.items.map(
        (item: { PaidStatus: string; AmountPaid: string }) => [item.PaidStatus, item.AmountPaid],
      );
    expect(await paidStatuses()).toEqual([
      ['Paid', '10.00'],
      ['Paid', '20.50'],
      ['Partially paid', '40.00'],
    ]);
    await call(`${erp.url}/admin/payment-run`, { method: 'POST' });
    await call(`${erp.url}/admin/payment-run`, { method: 'POST' });
    expect((await call(`${api}/payablesPayments/${part.body.PaymentId}`)).body.PaymentStatus).toBe('Cleared');
    const voided = await call(`${erp.url}/admin/payments/${part.body.PaymentId}/void`, { method: 'POST' });
    expect(voided.body.PaymentStatus).toBe('Voided');
    expect(await paidStatuses()).toEqual([
      ['Paid', '10.00'],
      ['Paid', '20.50'],
      ['Unpaid', '0.00'],
    ]);
  });
});

describe('business events pushed as they happen', () => {
  const SECRET = 'erp-push-secret';
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let pushing: RunningSystem;

  beforeAll(async () => {
    // The first delivery fails: the ERP retries it.
    receiver = await startWebhookReceiver((index) => (index === 0 ? 503 : 204));
    pushing = await startErp({ port: 0, world: tinyWorld(), webhooks: { url: receiver.url, secret: SECRET, retryDelaysMs: [20, 40] } });
  });
  afterAll(async () => {
    await pushing.close();
    await receiver.close();
  });

  async function deliveriesOf(eventId: string, accepted: number) {
    const of = () => receiver.received.filter((each) => each.headers['webhook-id'] === eventId);
    for (let waited = 0; of().filter((each) => each.answeredWith === 204).length < accepted; waited += 20) {
      if (waited > 5_000) throw new Error(`fewer than ${accepted} deliveries of ${eventId} accepted`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return of();
  }

  it('pushes each event signed, exactly as its feed serves it, retries a failed delivery and redelivers on request', async () => {
    const pushApi = `${pushing.url}/fscmRestApi/resources/11.13.18.05`;
    const supplier = (await call(`${pushApi}/suppliers`, { body: newSupplier('Pushed Events Ltd', '556677889') })).body;
    const feed = (await call(`${pushApi}/businessEvents?after=0`)).body.items as { EventId: string; ResourceId: number }[];
    expect(feed).toHaveLength(1);
    const event = feed[0]!;
    expect(event.ResourceId).toBe(supplier.SupplierId);
    const deliveries = await deliveriesOf(event.EventId, 1);
    expect(deliveries.map((each) => each.answeredWith)).toEqual([503, 204]);
    const verified = verifyWebhook(
      { headers: deliveries[1]!.headers, rawBody: deliveries[1]!.body },
      { secret: SECRET, parse: (body) => body },
    );
    expect(verified).toMatchObject({ ok: true, body: event });

    expect((await call(`${pushing.url}/admin/webhook-deliveries/${event.EventId}/redeliver`, { method: 'POST' })).status).toBe(202);
    const again = await deliveriesOf(event.EventId, 2);
    expect(again.map((each) => [each.answeredWith, each.body])).toEqual([
      [503, deliveries[1]!.body],
      [204, deliveries[1]!.body],
      [204, deliveries[1]!.body],
    ]);
    const unknown = await call(`${pushing.url}/admin/webhook-deliveries/no-such-event/redeliver`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });
});
