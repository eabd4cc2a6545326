import { describe, expect, it } from 'vitest';
import { ErpResourceError, readPayment, readPurchaseOrder, readReceipt, readSupplier } from './resources.ts';

/** A purchase order as Fusion answers `GET /purchaseOrders/{id}?expand=lines.schedules`, read dirty. */
const dirtyOrder = {
  POHeaderId: '300000047102391',
  OrderNumber: 100042,
  SupplierId: 300000001234567,
  Supplier: 'Midwest Medical Supply LLC',
  ProcurementBU: 'Health Network BU',
  DocumentStatusCode: ' open ',
  CurrencyCode: 'usd',
  OrderDate: '2026-11-20T00:00:00+00:00',
  Description: null,
  ShipToLocationCode: 'OH-CLE-01',
  lines: {
    items: [
      {
        POLineId: 1,
        LineNumber: '1',
        Item: null,
        Description: ' Saline 0.9% 1L ',
        Quantity: 12.5,
        UOM: 'EA ',
        Price: '2.4000',
        Amount: null,
        schedules: [{ QuantityReceived: '4.000' }, { QuantityReceived: null }],
      },
    ],
    count: 1,
    hasMore: false,
  },
};

describe("the ERP's resources", () => {
  it('reads a purchase order into exact types: numeric ids, normalized decimals, upper-case codes, bare or wrapped children', () => {
    expect(readPurchaseOrder(dirtyOrder)).toEqual({
      POHeaderId: 300000047102391,
      OrderNumber: '100042',
      SupplierId: 300000001234567,
      DocumentStatusCode: 'OPEN',
      CurrencyCode: 'USD',
      OrderDate: '2026-11-20',
      Description: null,
      ShipToLocationCode: 'OH-CLE-01',
      lines: [
        {
          LineNumber: 1,
          Item: null,
          Description: 'Saline 0.9% 1L',
          Quantity: '12.5',
          UOM: 'EA',
          Price: '2.4',
          Amount: null,
          schedules: [{ QuantityReceived: '4' }, { QuantityReceived: '0' }],
        },
      ],
    });
    expect(readPurchaseOrder({ ...dirtyOrder, lines: undefined }).lines).toEqual([]);
  });

  it('refuses what it cannot read, naming the attribute', () => {
    expect(() => readPurchaseOrder({ ...dirtyOrder, POHeaderId: 'abc' })).toThrow(ErpResourceError);
    expect(() => readPurchaseOrder({ ...dirtyOrder, lines: [{ ...dirtyOrder.lines.items[0], Price: '12,50' }] })).toThrow(/Price/);
    expect(() => readReceipt({ HeaderInterfaceId: 1, ReceiptNumber: 'R1', TransactionDate: 'yesterday', lines: [] })).toThrow(
      ErpResourceError,
    );
  });

  it('reads a receipt with its date as an instant', () => {
    expect(
      readReceipt({
        HeaderInterfaceId: 300000050000001,
        ReceiptNumber: 7001,
        TransactionDate: '2026-11-21T09:30:00.000Z',
        lines: { items: [{ POHeaderId: 300000047102391, DocumentLineNumber: 1, Quantity: '2.00' }] },
      }),
    ).toEqual({
      HeaderInterfaceId: 300000050000001,
      ReceiptNumber: '7001',
      TransactionDate: new Date('2026-11-21T09:30:00.000Z'),
      lines: [{ POHeaderId: 300000047102391, DocumentLineNumber: 1, Quantity: '2' }],
    });
  });

  it('reads a payment with casing and blanks taken out, and its related invoices either way', () => {
    const payment = {
      PaymentId: '300000123',
      PaymentNumber: 100042,
      // The client reads JSON numbers as their digits: an amount reaches the schema as text.
      PaymentAmount: '19.99',
      PaymentCurrency: ' usd ',
      PaymentDate: null,
      PaymentStatus: '  Negotiable ',
      PaymentMethodCode: ' eft',
      relatedInvoices: { items: [{ InvoiceId: 300000099, InvoiceNumber: 'INV-1' }], count: 1 },
    };
    expect(readPayment(payment)).toMatchObject({
      PaymentId: '300000123',
      PaymentNumber: '100042',
      PaymentAmount: '19.99',
      PaymentCurrency: 'USD',
      PaymentStatus: 'negotiable',
      PaymentMethodCode: 'EFT',
      relatedInvoices: [{ InvoiceId: '300000099', InvoiceNumber: 'INV-1' }],
    });
    expect(readPayment({ ...payment, relatedInvoices: [{ InvoiceId: '300000099' }] }).relatedInvoices).toEqual([
      { InvoiceId: '300000099', InvoiceType: 'standard' },
    ]);
    const netted = [
      { InvoiceId: 300000099, InvoiceType: 'Standard', AmountPaid: '1000.00' },
      { InvoiceId: 300000100, InvoiceType: ' Credit memo', AmountPaid: '-150.00' },
    ];
    expect(readPayment({ ...payment, PaymentAmount: '850.00', relatedInvoices: netted }).relatedInvoices).toEqual([
      { InvoiceId: '300000099', InvoiceType: 'standard', AmountPaid: '1000.00' },
      { InvoiceId: '300000100', InvoiceType: 'credit memo', AmountPaid: '-150.00' },
    ]);
    expect(() => readPayment({ ...payment, PaymentAmount: 19.99 })).toThrow(ErpResourceError);
    expect(() => readPayment({ ...payment, relatedInvoices: [{ InvoiceId: '1' }, { InvoiceId: '2' }] })).toThrow(ErpResourceError);
    expect(() => readPayment({ ...payment, PaymentAmount: '1,234.50' })).toThrow(ErpResourceError);
  });

  it('reads a supplier leniently, leaving judgement of its values to the mapping', () => {
    expect(
      readSupplier({
        SupplierId: 300000047414571,
        SupplierNumber: 1252,
        Supplier: 'Cardinal Surgical Supply Inc.',
        TaxpayerId: '31-1234567',
        Status: 'ACTIVE',
        addresses: undefined,
      }),
    ).toMatchObject({
      SupplierId: '300000047414571',
      SupplierNumber: '1252',
      TaxpayerId: '31-1234567',
    });
  });
});
