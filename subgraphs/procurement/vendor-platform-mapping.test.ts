import { describe, expect, it } from 'vitest';
import { acknowledgementOf, toPortalOrder } from './vendor-platform-mapping.ts';

describe('portal orders', () => {
  it('maps a canonical order to the portal shape with Money prices and lower-case status', () => {
    const order = toPortalOrder({
      number: '100042',
      status: 'PARTIALLY_RECEIVED',
      orderDate: '2026-11-20',
      currency: 'USD',
      shipTo: 'Cleveland General',
      registrationId: 'reg_0123456789abcdef0123',
      lines: [
        {
          lineNumber: 1,
          itemNumber: 'GLV-NIT-100',
          description: 'Gloves',
          quantity: '3.000000',
          unitOfMeasure: 'BX',
          unitPrice: '19.990000',
        },
      ],
    });
    expect(order).toEqual({
      registrationId: 'reg_0123456789abcdef0123',
      poNumber: '100042',
      orderDate: '2026-11-20',
      currency: 'USD',
      shipTo: 'Cleveland General',
      status: 'open',
      lines: [
        { lineNo: 1, sku: 'GLV-NIT-100', description: 'Gloves', qty: '3', uom: 'BX', unitPrice: { value: '19.99', currency: 'USD' } },
      ],
    });
  });

  it('reads acknowledgements and ignores other events', () => {
    const event = {
      id: 'evt_0123456789abcdef0123',
      type: 'purchase_order.acknowledged',
      createdAt: '2026-11-21T10:00:00.000Z',
      data: {
        purchaseOrder: { externalId: '019a8f2e-7c1d-7b3e-9f00-1234567890ab', poNumber: '100042', registrationId: 'reg_1', revision: 1 },
        acknowledgement: { status: 'accepted', respondedAt: '2026-11-21T09:59:00.000Z', note: null },
      },
    };
    expect(acknowledgementOf(event)).toEqual({
      eventId: 'evt_0123456789abcdef0123',
      purchaseOrderId: '019a8f2e-7c1d-7b3e-9f00-1234567890ab',
      accepted: true,
      respondedAt: new Date('2026-11-21T09:59:00.000Z'),
    });
    expect(acknowledgementOf({ ...event, type: 'registration.approved' })).toBeNull();
    expect(() => acknowledgementOf({ ...event, data: {} })).toThrow();
  });
});
