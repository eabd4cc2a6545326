import { describe, expect, it } from 'vitest';
import { sampleFile } from '../fixtures/index.ts';
import { readInvoiceCsv } from './invoices.ts';
import { writeRemittanceCsv } from './remittance.ts';

describe('an invoice CSV', () => {
  it('keeps the good invoices and reports the bad row by row and column', () => {
    const text = sampleFile('invoices.csv', { PO_1: 'PO-2026-000001', PO_2: 'PO-2026-000002', ITEM_1: 'MS-1001', ITEM_2: 'MS-2002' });
    expect(readInvoiceCsv(text)).toEqual({
      invoices: [
        {
          invoiceNumber: 'CSV-INV-1',
          invoiceDate: '2026-12-01',
          purchaseOrderNumber: 'PO-2026-000001',
          currency: 'USD',
          lines: [{ lineNumber: 1, itemNumber: 'MS-1001', quantity: '10', unitPrice: '12.50' }],
          taxAmount: '0',
          freightAmount: '0',
          rows: [2],
        },
        {
          invoiceNumber: 'CSV-INV-2',
          invoiceDate: '2026-12-01',
          purchaseOrderNumber: 'PO-2026-000002',
          currency: 'USD',
          lines: [{ lineNumber: 1, itemNumber: 'MS-2002', quantity: '4', unitPrice: '30.00' }],
          taxAmount: '0',
          freightAmount: '0',
          rows: [3],
        },
      ],
      errors: [{ row: 4, column: 'quantity', code: 'INVALID_QUANTITY', message: 'quantity must be a positive decimal, got ten' }],
    });
  });

  it('leaves out every line of an invoice one of whose rows is bad, and names a missing column', () => {
    const twoLines =
      'invoice_number,invoice_date,purchase_order_number,line_number,item_number,quantity,unit_price\nA,2026-12-01,PO-1,1,X,1,1\nA,2026-13-01,PO-1,2,Y,1,1\n';
    expect(readInvoiceCsv(twoLines)).toEqual({
      invoices: [],
      errors: [{ row: 3, column: 'invoice_date', code: 'INVALID_DATE', message: 'invoice_date must be YYYY-MM-DD, got 2026-13-01' }],
    });
    expect(readInvoiceCsv('invoice_number,quantity\nA,1\n').errors.map((error) => error.column)).toEqual([
      'invoice_date',
      'purchase_order_number',
      'line_number',
      'item_number',
      'unit_price',
    ]);
  });
});

describe('tax and freight in an invoice CSV', () => {
  const header = 'invoice_number,invoice_date,purchase_order_number,line_number,item_number,quantity,unit_price,tax_amount,freight_amount';

  it("takes the invoice's amounts from whichever of its rows gives them", () => {
    const text = `${header}\nA,2026-12-01,PO-1,1,X,1,10.00,,\nA,2026-12-01,PO-1,2,Y,2,5.00,1.30,4.25\n`;
    expect(readInvoiceCsv(text).invoices.map(({ taxAmount, freightAmount }) => ({ taxAmount, freightAmount }))).toEqual([
      { taxAmount: '1.30', freightAmount: '4.25' },
    ]);
  });

  it('reports an amount that is no amount, and one that differs between rows of an invoice', () => {
    const text = `${header}\nA,2026-12-01,PO-1,1,X,1,10.00,1.30,\nA,2026-12-01,PO-1,2,Y,2,5.00,1.31,\nB,2026-12-01,PO-2,1,X,1,1,,1.005\n`;
    expect(readInvoiceCsv(text)).toEqual({
      invoices: [],
      errors: [
        { row: 3, column: 'tax_amount', code: 'INCONSISTENT_AMOUNT', message: 'tax_amount 1.31 differs from 1.30 on an earlier row of A' },
        {
          row: 4,
          column: 'freight_amount',
          code: 'INVALID_AMOUNT',
          message: 'freight_amount must be an amount of 0 or more in cents, got 1.005',
        },
      ],
    });
  });
});

describe('a remittance CSV', () => {
  it('writes one quoted row per invoice paid', () => {
    const text = writeRemittanceCsv({
      paymentReference: 'ACH-778812',
      paymentDate: '2026-12-04',
      currency: 'USD',
      payer: 'Northwind Health',
      payee: 'Medline Industries LP',
      invoices: [{ invoiceNumber: 'INV "7"', amountPaid: '118.8', invoiceAmount: '120' }],
    });
    expect(text).toBe(
      '"payment_reference","payment_date","currency","invoice_number","invoice_amount","amount_paid"\r\n' +
        '"ACH-778812","2026-12-04","USD","INV ""7""","120.00","118.80"\r\n',
    );
  });
});
