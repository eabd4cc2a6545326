import { describe, expect, it } from 'vitest';
import { readOrderAcknowledgement, readRegistration, readRegistrationEvent, readSubmittedInvoice } from './resources.ts';

/** `data` of an `invoice.submitted` event, as the platform sends it. */
const submitted = {
  invoice: {
    id: 'vinv_0123456789abcdef0123',
    registrationId: 'reg_00112233445566778899',
    invoiceNumber: ' SUP-2026-001 ',
    invoiceDate: '2026-11-20',
    purchaseOrderExternalId: '019a0000-0000-7000-8000-000000000001',
    lines: [
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
    total: { value: '0.25', currency: 'USD' },
    status: 'submitted',
  },
};

describe("the vendor platform's resources", () => {
  it('reads a submitted invoice: numbers as decimal text, currency upper case, USD when none is said', () => {
    expect(readSubmittedInvoice(submitted)).toMatchObject({
      id: 'vinv_0123456789abcdef0123',
      invoiceNumber: 'SUP-2026-001',
      currency: 'USD',
      lines: [{ lineNo: 2, poLineNo: null, sku: ' GLOVE ', qty: '2.5', unitPrice: { value: '0.1', currency: 'USD' } }],
    });
    expect(() => readSubmittedInvoice({ invoice: { ...submitted.invoice, invoiceDate: '20/11/2026' } })).toThrow();
    expect(() => readSubmittedInvoice({})).toThrow();
  });

  it('reads a registration leniently, so onboarding can report what is missing', () => {
    expect(
      readRegistration({ id: 'reg_1', status: 'submitted', legalName: null, tin: '38-4440001', insurance: [{ kind: 'flood' }] }),
    ).toMatchObject({ id: 'reg_1', legalName: null, insurance: [{ kind: 'flood' }] });
    expect(readRegistrationEvent({ registration: { id: 'reg_1', tin: '***0001', reviewNote: 'TIN does not match' } })).toEqual({
      registrationId: 'reg_1',
      reviewNote: 'TIN does not match',
    });
  });

  it('reads an order acknowledgement and refuses an unknown answer', () => {
    const data = {
      purchaseOrder: { externalId: 'po-1', poNumber: '100042' },
      acknowledgement: { status: 'accepted', respondedAt: '2026-11-21T09:59:00.000Z', note: null },
    };
    expect(readOrderAcknowledgement(data)).toEqual({
      purchaseOrder: { externalId: 'po-1', poNumber: '100042' },
      acknowledgement: { status: 'accepted', respondedAt: '2026-11-21T09:59:00.000Z', note: null },
    });
    expect(() => readOrderAcknowledgement({ ...data, acknowledgement: { status: 'maybe' } })).toThrow();
  });
});
