import { describe, expect, it } from 'vitest';
import { readBusinessEventPage, ErpResourceError, readPurchaseOrder, readReceipt } from '@procuregraph/connector-erp';
import {
  canonicalIdOfReceipt,
  ErpMappingError,
  fromErpOrder as fromOrder,
  fromErpReceipt as fromReceipt,
  orderReference,
  receiptNumberFor,
  toErpOrderRequest,
  toErpReceiptRequest,
} from './erp-mapping.ts';

const fromErpOrder = (resource: unknown) => fromOrder(readPurchaseOrder(resource));
const fromErpReceipt = (resource: unknown) => fromReceipt(readReceipt(resource));

const canonicalId = '019a8f2e-7c1d-7b3e-9f00-1234567890ab';

/** A purchase order as Fusion answers `POST /purchaseOrders` (and as `Resource` in its business events). */
const fusionOrder = {
  POHeaderId: 300000047102391,
  OrderNumber: '100042',
  SupplierId: 300000001234567,
  Supplier: 'Midwest Medical Supply LLC',
  SupplierSiteId: 300000001234570,
  SupplierSite: 'MAIN',
  ProcurementBU: 'Health Network BU',
  ShipToLocationCode: 'OH-CLE-01',
  Buyer: null,
  Description: orderReference(canonicalId),
  DocumentStatusCode: 'OPEN',
  CurrencyCode: 'USD',
  Total: '59.97',
  OrderDate: '2026-11-20',
  CreationDate: '2026-11-20T14:03:11.000Z',
  LastUpdateDate: '2026-11-20T14:03:11.000Z',
  lines: {
    items: [
      {
        POLineId: 300000047102392,
        LineNumber: 1,
        Item: 'GLV-NIT-100',
        Description: 'Nitrile exam gloves, box of 100',
        Quantity: '3',
        UOM: 'BX',
        Price: '19.99',
        Amount: '59.97',
        schedules: {
          items: [
            {
              LineLocationId: 1,
              ScheduleNumber: 1,
              Quantity: '3',
              QuantityReceived: '0',
              QuantityBilled: '0',
              ShipToLocationCode: 'OH-CLE-01',
            },
          ],
          count: 1,
          hasMore: false,
        },
      },
    ],
    count: 1,
    hasMore: false,
    limit: 25,
    offset: 0,
  },
};

describe('ERP orders to canonical', () => {
  it('maps a Fusion order, recognizing the canonical reference', () => {
    expect(fromErpOrder(fusionOrder)).toEqual({
      poHeaderId: 300000047102391,
      orderNumber: '100042',
      erpSupplierId: 300000001234567,
      status: 'OPEN',
      orderDate: '2026-11-20',
      currency: 'USD',
      shipToLocationCode: 'OH-CLE-01',
      total: '59.97',
      canonicalId,
      lines: [
        {
          lineNumber: 1,
          itemNumber: 'GLV-NIT-100',
          description: 'Nitrile exam gloves, box of 100',
          quantity: '3',
          unitOfMeasure: 'BX',
          unitPrice: '19.99',
          amount: '59.97',
          quantityReceived: '0',
        },
      ],
    });
  });

  it('reads dirty payloads: numbers for decimals and ids, padding, lower case, bare arrays, missing items', () => {
    const dirty = {
      ...fusionOrder,
      POHeaderId: '300000047102391',
      OrderNumber: 100042,
      DocumentStatusCode: ' open ',
      CurrencyCode: 'usd',
      OrderDate: '2026-11-20T00:00:00+00:00',
      Description: 'Emergency order placed by phone',
      ShipToLocationCode: null,
      lines: [
        {
          LineNumber: '1',
          Item: null,
          Description: ' Saline 0.9% 1L ',
          Quantity: 12.5,
          UOM: 'EA ',
          Price: '2.4000',
          Amount: null,
          schedules: [{ QuantityReceived: '4.000' }, { QuantityReceived: 1 }],
        },
      ],
    };
    const order = fromErpOrder(dirty);
    expect(order).toMatchObject({
      poHeaderId: 300000047102391,
      orderNumber: '100042',
      currency: 'USD',
      orderDate: '2026-11-20',
      canonicalId: null,
      shipToLocationCode: null,
    });
    expect(order.status).toBe('PARTIALLY_RECEIVED');
    expect(order.lines).toEqual([
      {
        lineNumber: 1,
        itemNumber: '',
        description: 'Saline 0.9% 1L',
        quantity: '12.5',
        unitOfMeasure: 'EA',
        unitPrice: '2.4',
        amount: '30.00',
        quantityReceived: '5',
      },
    ]);
  });

  it('maps every document status', () => {
    const statusOf = (code: string) => fromErpOrder({ ...fusionOrder, DocumentStatusCode: code }).status;
    expect(['INCOMPLETE', 'OPEN', 'CLOSED_FOR_RECEIVING', 'CLOSED', 'CANCELED'].map(statusOf)).toEqual([
      'DRAFT',
      'OPEN',
      'RECEIVED',
      'CLOSED',
      'CANCELLED',
    ]);
    expect(() => statusOf('ON_HOLD')).toThrow(ErpMappingError);
  });

  it('refuses what cannot be an order', () => {
    expect(() => fromErpOrder({ ...fusionOrder, POHeaderId: 'abc' })).toThrow(ErpResourceError);
    expect(() => fromErpOrder({ ...fusionOrder, lines: [{ ...fusionOrder.lines.items[0], Price: '12,50' }] })).toThrow(ErpResourceError);
  });
});

describe('canonical to ERP', () => {
  it('builds the purchase order body with exact decimal strings and the canonical reference', () => {
    const body = toErpOrderRequest({
      id: canonicalId,
      currency: 'USD',
      orderDate: '2026-11-20',
      shipToLocationCode: 'OH-CLE-01',
      erpSupplierId: 300000001234567,
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
    expect(body).toEqual({
      SupplierId: 300000001234567,
      CurrencyCode: 'USD',
      OrderDate: '2026-11-20',
      Description: `Procuregraph order ${canonicalId}`,
      ShipToLocationCode: 'OH-CLE-01',
      lines: [{ LineNumber: 1, Item: 'GLV-NIT-100', Description: 'Gloves', Quantity: '3', UOM: 'BX', Price: '19.99' }],
    });
  });

  it('leaves out the ship-to location when there is none', () => {
    const body = toErpOrderRequest({
      id: canonicalId,
      currency: 'USD',
      orderDate: '2026-11-20',
      shipToLocationCode: null,
      erpSupplierId: 1,
      lines: [],
    });
    expect(body).not.toHaveProperty('ShipToLocationCode');
  });

  it('sends the canonical receipt id as a reversible receipt number within 30 characters', () => {
    const number = receiptNumberFor(canonicalId);
    expect(number.length).toBeLessThanOrEqual(30);
    expect(canonicalIdOfReceipt(number)).toBe(canonicalId);
    expect(canonicalIdOfReceipt('100017')).toBeNull();
    const body = toErpReceiptRequest({
      id: canonicalId,
      receivedAt: new Date('2026-11-21T09:30:00Z'),
      orderNumber: '100042',
      lines: [{ lineNumber: 1, quantityReceived: '2.500000' }],
    });
    expect(body).toEqual({
      ReceiptNumber: number,
      TransactionDate: '2026-11-21T09:30:00.000Z',
      lines: [{ DocumentNumber: '100042', DocumentLineNumber: 1, Quantity: '2.5' }],
    });
  });
});

describe('ERP receipts and business events', () => {
  const fusionReceipt = {
    HeaderInterfaceId: 300000050000001,
    ReceiptNumber: '7001',
    ReceiptSourceCode: 'VENDOR',
    VendorId: 300000001234567,
    VendorName: 'Midwest Medical Supply LLC',
    VendorNumber: 'S-1001',
    TransactionDate: '2026-11-21T09:30:00.000Z',
    ProcessingStatusCode: 'SUCCESS',
    CreationDate: '2026-11-21T09:30:00.000Z',
    lines: {
      items: [
        {
          InterfaceTransactionId: 1,
          TransactionType: 'RECEIVE',
          DocumentNumber: '100042',
          DocumentLineNumber: 1,
          DocumentScheduleNumber: 1,
          POHeaderId: 300000047102391,
          POLineId: 2,
          ItemNumber: 'GLV-NIT-100',
          Quantity: '2',
          UnitOfMeasure: 'BX',
        },
      ],
      count: 1,
      hasMore: false,
    },
  };

  it('maps a receipt made in the ERP', () => {
    expect(fromErpReceipt(fusionReceipt)).toEqual({
      headerInterfaceId: 300000050000001,
      receiptNumber: '7001',
      receivedAt: new Date('2026-11-21T09:30:00.000Z'),
      canonicalId: null,
      lines: [{ poHeaderId: 300000047102391, lineNumber: 1, quantityReceived: '2' }],
    });
  });

  it('recognizes a receipt Procuregraph sent', () => {
    expect(fromErpReceipt({ ...fusionReceipt, ReceiptNumber: receiptNumberFor(canonicalId) }).canonicalId).toBe(canonicalId);
  });

  it('reads a business events page', () => {
    const page = readBusinessEventPage({
      items: [
        {
          EventId: 'c0a8-1',
          Sequence: 41,
          EventType: 'PurchaseOrderIssued',
          OccurredAt: '2026-11-20T14:03:11.000Z',
          ResourceName: 'purchaseOrders',
          ResourceId: 300000047102391,
          PreviousStatus: null,
          Resource: fusionOrder,
        },
      ],
      count: 1,
      hasMore: false,
      limit: 200,
    });
    expect(page.items[0]).toMatchObject({
      eventId: 'c0a8-1',
      sequence: 41,
      eventType: 'PurchaseOrderIssued',
      resourceId: '300000047102391',
    });
    expect(page.hasMore).toBe(false);
  });
});
