import { describe, expect, it } from 'vitest';
import { readBusinessEventPage, readPayment } from '@procuregraph/connector-erp';
import { parseJsonKeepingNumbers } from '@procuregraph/platform/http';
import { erpCreditMemoBody, erpInvoiceBody, paymentFromErp as fromPayment } from './erp-mapping.ts';

/** A `payablesPayments` resource as the ERP's business event carries it (`expand=all`). */
const payment = {
  PaymentId: 300000123,
  PaymentNumber: '100042',
  PaymentAmount: '1234567.89',
  PaymentCurrency: 'USD',
  PaymentDate: '2026-11-20',
  PaymentStatus: 'Negotiable',
  PaymentMethodCode: 'EFT',
  SupplierId: 300000001,
  Supplier: 'Acme Medical Supply, Inc.',
  SupplierNumber: '1001',
  ClearingDate: null,
  VoidDate: null,
  CreationDate: '2026-11-20T10:00:00.000Z',
  LastUpdateDate: '2026-11-21T10:00:00.000Z',
  relatedInvoices: {
    items: [{ InvoicePaymentId: 300000200, InvoiceId: 300000099, InvoiceNumber: 'INV-1', AmountPaid: '1234567.89' }],
    count: 1,
    hasMore: false,
    limit: 1,
    offset: 0,
  },
};

const paymentFromErp = (resource: unknown) => fromPayment(readPayment(resource));

describe('the ERP payables mapping', () => {
  it('reads a payment in canonical terms', () => {
    expect(paymentFromErp(payment)).toEqual({
      erpPaymentId: '300000123',
      paymentNumber: '100042',
      amount: '1234567.89',
      currency: 'USD',
      status: 'SENT',
      method: 'ACH',
      scheduledFor: '2026-11-20',
      relatedInvoices: [{ erpInvoiceId: '300000099', amountPaid: '1234567.89' }],
      appliedCredits: [],
    });
  });

  it('reads a payment that applies a credit memo: the invoices it pays apart from the credits it applies, positive', () => {
    const netted = paymentFromErp({
      ...payment,
      PaymentAmount: '850.00',
      relatedInvoices: [
        { InvoiceId: 300000099, InvoiceType: 'Standard', AmountPaid: '1000.00' },
        { InvoiceId: 300000100, InvoiceType: 'Credit memo', AmountPaid: '-150.00' },
      ],
    });
    expect([netted.amount, netted.relatedInvoices, netted.appliedCredits]).toEqual([
      '850.00',
      [{ erpInvoiceId: '300000099', amountPaid: '1000.00' }],
      [{ erpCreditMemoId: '300000100', amount: '150' }],
    ]);
  });

  it('maps every Fusion payment status and method', () => {
    const statuses = ['Issued', 'Negotiable', 'Cleared', 'Spoiled', 'Voided'].map(
      (PaymentStatus) => paymentFromErp({ ...payment, PaymentStatus }).status,
    );
    expect(statuses).toEqual(['SCHEDULED', 'SENT', 'CLEARED', 'FAILED', 'VOIDED']);
    const methods = ['EFT', 'CHECK', 'WIRE', 'CARD'].map((PaymentMethodCode) => paymentFromErp({ ...payment, PaymentMethodCode }).method);
    expect(methods).toEqual(['ACH', 'CHECK', 'WIRE', 'VIRTUAL_CARD']);
  });

  it('tolerates dirty but meaningful payloads: odd casing, blanks, string ids, numeric amounts, a plain related-invoice list', () => {
    const dirty = paymentFromErp({
      ...payment,
      PaymentId: '300000123',
      PaymentNumber: 100042,
      // A JSON number, as the connector reads it: its literal digits.
      ...(parseJsonKeepingNumbers('{"PaymentAmount": 19.99}') as object),
      PaymentCurrency: ' usd ',
      PaymentStatus: '  CLEARED ',
      PaymentMethodCode: ' check',
      PaymentDate: null,
      relatedInvoices: [{ InvoiceId: '300000099' }],
      UnexpectedNewAttribute: 'ignored',
    });
    expect(dirty).toMatchObject({
      erpPaymentId: '300000123',
      paymentNumber: '100042',
      amount: '19.99',
      currency: 'USD',
      status: 'CLEARED',
      method: 'CHECK',
      scheduledFor: null,
      relatedInvoices: [{ erpInvoiceId: '300000099', amountPaid: '19.99' }],
    });
  });

  it('reads an amount sent as a JSON number exactly, beyond what a binary float holds', () => {
    const resource = parseJsonKeepingNumbers(
      JSON.stringify({ ...payment, PaymentAmount: 'AMOUNT' }).replace('"AMOUNT"', '12345678901234.5678'),
    );
    expect(paymentFromErp(resource)).toMatchObject({
      amount: '12345678901234.5678',
      relatedInvoices: [{ erpInvoiceId: '300000099', amountPaid: '1234567.89' }],
    });
    // A float that reached the mapping anyway is refused rather than rounded.
    expect(() => paymentFromErp({ ...payment, PaymentAmount: 19.99 })).toThrow();
  });

  it('refuses a payment it cannot understand rather than guessing', () => {
    expect(() => paymentFromErp({ ...payment, PaymentStatus: 'Stopped' })).toThrow();
    expect(() => paymentFromErp({ ...payment, PaymentAmount: '1,234.50' })).toThrow();
    expect(() => paymentFromErp({ ...payment, PaymentId: undefined })).toThrow();
    expect(() => paymentFromErp(null)).toThrow();
  });

  it('reads a business event envelope, its numbers as their digits', () => {
    const page = parseJsonKeepingNumbers(
      JSON.stringify({
        items: [
          {
            EventId: '5b0a3f0e-1b8e-4c55-9a39-2f0a7c1d0e11',
            Sequence: 17,
            EventType: 'PaymentStatusChanged',
            OccurredAt: '2026-11-21T10:00:00.000Z',
            ResourceName: 'payablesPayments',
            ResourceId: 300000123,
            PreviousStatus: 'Issued',
            Resource: payment,
          },
        ],
        hasMore: false,
      }),
    );
    const [event] = readBusinessEventPage(page).items;
    expect(event).toMatchObject({ sequence: 17, resourceId: '300000123', eventType: 'PaymentStatusChanged' });
    expect(paymentFromErp(event!.resource).erpPaymentId).toBe('300000123');
  });

  it('writes an invoice whose lines add up to its amount, amounts in cents and the PO reference on each line', () => {
    const body = erpInvoiceBody({
      invoiceNumber: 'INV-9',
      invoiceDate: '2026-11-20',
      currency: 'USD',
      total: '59.9700',
      taxAmount: '0',
      freightAmount: '0',
      supplierNumber: '1001',
      purchaseOrderNumber: 'PO-77',
      lines: [{ lineNumber: 2, itemNumber: 'GOWN', quantity: '3.000000', unitPrice: '19.990000', amount: '59.9700' }],
    });
    expect(body).toEqual({
      InvoiceNumber: 'INV-9',
      InvoiceAmount: '59.97',
      InvoiceDate: '2026-11-20',
      InvoiceCurrency: 'USD',
      SupplierNumber: '1001',
      invoiceLines: [
        {
          LineNumber: 1,
          LineAmount: '59.97',
          Item: 'GOWN',
          Quantity: '3',
          UnitPrice: '19.99',
          PurchaseOrderNumber: 'PO-77',
          PurchaseOrderLineNumber: 2,
        },
      ],
    });
  });

  it('writes freight and tax as their own lines after the goods, so the lines still add up to the amount', () => {
    const body = erpInvoiceBody({
      invoiceNumber: 'INV-10',
      invoiceDate: '2026-11-20',
      currency: 'USD',
      total: '110.0000',
      taxAmount: '4.0000',
      freightAmount: '6.0000',
      supplierNumber: '1001',
      purchaseOrderNumber: null,
      lines: [{ lineNumber: 1, itemNumber: 'SVC', quantity: '1', unitPrice: '100', amount: '100.0000' }],
    });
    expect(body.InvoiceAmount).toBe('110.00');
    expect(body.invoiceLines.map((line) => [line.LineNumber, line.LineType ?? 'Item', line.LineAmount, line.Item])).toEqual([
      [1, 'Item', '100.00', 'SVC'],
      [2, 'Freight', '6.00', null],
      [3, 'Tax', '4.00', null],
    ]);
  });

  it('writes a credit memo as a Credit memo of the negative credit, its line naming the invoice it credits', () => {
    const body = erpCreditMemoBody({
      creditMemoNumber: 'CM-12',
      creditMemoDate: '2026-11-21',
      currency: 'USD',
      amount: '12.3400',
      supplierNumber: '1001',
      invoiceNumber: 'INV-9',
    });
    expect(body).toEqual({
      InvoiceNumber: 'CM-12',
      InvoiceType: 'Credit memo',
      InvoiceAmount: '-12.34',
      InvoiceDate: '2026-11-21',
      InvoiceCurrency: 'USD',
      SupplierNumber: '1001',
      invoiceLines: [
        {
          LineNumber: 1,
          LineAmount: '-12.34',
          Item: null,
          Quantity: null,
          UnitPrice: null,
          PurchaseOrderNumber: null,
          PurchaseOrderLineNumber: null,
          CorrectedInvoiceNumber: 'INV-9',
        },
      ],
    });
  });
});
