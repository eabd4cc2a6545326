import { describe, expect, it } from 'vitest';
import { readSubmittedInvoice } from '@procuregraph/connector-vendor-platform';
import { invoiceFromPortal as fromInvoice, portalPaymentBody } from './vendor-platform-mapping.ts';

const invoiceFromPortal = (data: unknown) => fromInvoice(readSubmittedInvoice(data));

/** `data` of an `invoice.submitted` event, as the platform sends it. */
const submitted = {
  invoice: {
    id: 'vinv_0123456789abcdef0123',
    registrationId: 'reg_00112233445566778899',
    invoiceNumber: 'SUP-2026-001',
    invoiceDate: '2026-11-20',
    purchaseOrderExternalId: '019a0000-0000-7000-8000-000000000001',
    poNumber: 'PO-77',
    currency: 'USD',
    lines: [
      {
        lineNo: 1,
        poLineNo: 2,
        sku: 'GOWN',
        description: 'Isolation gown',
        qty: '3',
        unitPrice: { value: '19.99', currency: 'USD' },
        amount: { value: '59.97', currency: 'USD' },
      },
      {
        lineNo: 2,
        poLineNo: null,
        sku: ' GLOVE ',
        description: null,
        qty: 2.5,
        unitPrice: { value: 0.1, currency: 'usd' },
        amount: { value: '0.25', currency: 'USD' },
      },
    ],
    total: { value: '60.22', currency: 'USD' },
    status: 'submitted',
    submittedAt: '2026-11-20T10:00:00.000Z',
  },
};

describe('the vendor-platform mapping', () => {
  it('reads a submitted portal invoice, including a line without a PO line and numeric amounts', () => {
    expect(invoiceFromPortal(submitted)).toEqual({
      portalInvoiceId: 'vinv_0123456789abcdef0123',
      registrationId: 'reg_00112233445566778899',
      invoiceNumber: 'SUP-2026-001',
      invoiceDate: '2026-11-20',
      purchaseOrderId: '019a0000-0000-7000-8000-000000000001',
      currency: 'USD',
      lines: [
        { lineNumber: 2, itemNumber: 'GOWN', quantity: '3', unitPrice: '19.99' },
        { lineNumber: 2, itemNumber: 'GLOVE', quantity: '2.5', unitPrice: '0.1' },
      ],
    });
  });

  it('refuses an invoice without a date or lines it can read', () => {
    expect(() => invoiceFromPortal({ invoice: { ...submitted.invoice, invoiceDate: '20/11/2026' } })).toThrow();
    expect(() =>
      invoiceFromPortal({
        invoice: { ...submitted.invoice, lines: [{ lineNo: 1, qty: 'two', unitPrice: { value: '1', currency: 'USD' } }] },
      }),
    ).toThrow();
  });

  it('writes a payment the way the portal shows it, with every invoice it pays', () => {
    const body = portalPaymentBody({
      registrationId: 'reg_00112233445566778899',
      invoiceNumber: 'SUP-2026-001',
      invoiceNumbers: ['SUP-2026-001', 'SUP-2026-002'],
      paymentNumber: '100042',
      amount: '60.2200',
      currency: 'USD',
      method: 'VIRTUAL_CARD',
      status: 'CLEARED',
      statusChangedAt: new Date('2026-11-22T09:00:00.000Z'),
    });
    expect(body).toEqual({
      registrationId: 'reg_00112233445566778899',
      invoiceNumber: 'SUP-2026-001',
      invoiceNumbers: ['SUP-2026-001', 'SUP-2026-002'],
      paymentNumber: '100042',
      amount: { value: '60.22', currency: 'USD' },
      method: 'virtual_card',
      status: 'cleared',
      statusChangedAt: '2026-11-22T09:00:00.000Z',
    });
  });
});
