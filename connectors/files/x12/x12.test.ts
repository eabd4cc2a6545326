import { describe, expect, it } from 'vitest';
import { sampleFile } from '../fixtures/index.ts';
import { acknowledge, readAcknowledgment997, writeAcknowledgment997 } from './functional-acknowledgment-997.ts';
import { parseInterchange, X12FormatError, type X12Error, type X12TransactionSet } from './interchange.ts';
import { readInvoice810 } from './invoice-810.ts';
import { readOrderAcknowledgment855 } from './order-acknowledgment-855.ts';
import { readOrder850, writeOrder850 } from './purchase-order-850.ts';
import { readRemittance820, writeRemittance820 } from './remittance-820.ts';
import type { OutboundEnvelope } from './writer.ts';

const values = { PO_1: 'PO-2026-000001', PO_2: 'PO-2026-000002', ITEM_1: 'MS-1001', ITEM_2: 'MS-2002', ITEM_3: 'MS-3003' };
const us = { interchangeQualifier: 'ZZ', interchangeId: 'PROCUREGRAPH', groupId: 'PROCUREGRAPH' };
const medline = { interchangeQualifier: 'ZZ', interchangeId: 'MEDLINEEDI', groupId: 'MEDLINEEDI' };
const envelope = (controlNumber: number): OutboundEnvelope => ({
  sender: us,
  receiver: medline,
  controlNumber,
  version: '004010',
  at: new Date('2026-12-04T12:00:00Z'),
});

describe('an 810 with two invoices', () => {
  const interchange = parseInterchange(sampleFile('810-two-invoices.edi', values));

  it('reads the envelopes and both invoices', () => {
    expect(interchange.envelope).toMatchObject({ senderQualifier: 'ZZ', senderId: 'MEDLINEEDI', controlNumber: '000004711', test: false });
    expect(interchange.errors).toEqual([]);
    const [group] = interchange.groups;
    expect(group).toMatchObject({ functionalId: 'IN', controlNumber: '4711', version: '004010', errors: [] });
    expect(group!.transactions.map((t) => readInvoice810(t))).toEqual([
      {
        invoice: {
          invoiceNumber: 'MED-INV-9001',
          invoiceDate: '2026-12-01',
          purchaseOrderNumber: 'PO-2026-000001',
          currency: 'USD',
          lines: [{ lineNumber: 1, itemNumber: 'MS-1001', quantity: '10', unitPrice: '12.50' }],
          taxAmount: '0.00',
          freightAmount: '0.00',
          total: '125.00',
        },
        errors: [],
      },
      {
        invoice: {
          invoiceNumber: 'MED-INV-9002',
          invoiceDate: '2026-12-01',
          purchaseOrderNumber: 'PO-2026-000002',
          currency: 'USD',
          lines: [{ lineNumber: 1, itemNumber: 'MS-2002', quantity: '4', unitPrice: '30.00' }],
          taxAmount: '0.00',
          freightAmount: '0.00',
          total: '120.00',
        },
        errors: [],
      },
    ]);
  });

  it('is answered by a 997 accepting both', () => {
    const text = writeAcknowledgment997(envelope(17), acknowledge(interchange, new Map(), false));
    expect(text.split('\n').slice(2, -2)).toEqual([
      'ST*997*0001~',
      'AK1*IN*4711~',
      'AK2*810*0001~',
      'AK5*A~',
      'AK2*810*0002~',
      'AK5*A~',
      'AK9*A*2*2*2~',
      'SE*8*0001~',
    ]);
  });
});

describe('an 810 with errors', () => {
  const interchange = parseInterchange(sampleFile('810-with-errors.edi', values));
  const [wrongCount, unknownOrder, good] = interchange.groups[0]!.transactions as [X12TransactionSet, X12TransactionSet, X12TransactionSet];
  const unknown: X12Error = { segment: 'BIG', position: 2, element: 4, code: '7', message: 'No purchase order PO-DOES-NOT-EXIST' };

  it('finds the wrong segment count and the lines that do not add up', () => {
    expect(wrongCount.errors).toEqual([
      { segment: 'SE', position: 6, element: 1, code: '4', message: 'SE01 says 9 segments, transaction set 0001 has 6' },
    ]);
    expect(readInvoice810(unknownOrder).errors).toEqual([]);
    expect(good.errors).toEqual([]);
  });

  it('is read back from the 997 with what was wrong with each set', () => {
    const text = writeAcknowledgment997(envelope(19), acknowledge(interchange, new Map([[unknownOrder, [unknown]]]), false));
    const { acknowledgment } = readAcknowledgment997(parseInterchange(text).groups[0]!.transactions[0]!);
    expect(acknowledgment.code).toBe('P');
    expect(acknowledgment.transactions).toEqual([
      {
        type: '810',
        controlNumber: '0001',
        accepted: false,
        errors: [{ segment: 'AK5', position: null, element: null, code: '4', message: 'AK5 code 4' }],
      },
      {
        type: '810',
        controlNumber: '0002',
        accepted: false,
        errors: [
          { segment: 'BIG', position: 2, element: 4, code: '7', message: 'AK403 7: element 4 of BIG in error' },
          { segment: 'AK5', position: null, element: null, code: '5', message: 'AK5 code 5' },
        ],
      },
      { type: '810', controlNumber: '0003', accepted: true, errors: [] },
    ]);
  });

  it('says exactly what is wrong in the 997 and accepts the good set beside them', () => {
    const outcomes = acknowledge(interchange, new Map([[unknownOrder, [unknown]]]), false);
    expect(outcomes[0]!.transactions.map((t) => t.accepted)).toEqual([false, false, true]);
    const text = writeAcknowledgment997(envelope(18), outcomes);
    expect(text.split('\n').slice(3, -3)).toEqual([
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
  });

  it('rejects the whole group when the partner says so', () => {
    const outcomes = acknowledge(interchange, new Map([[unknownOrder, [unknown]]]), true);
    expect(outcomes[0]!.code).toBe('R');
    expect(outcomes[0]!.transactions.map((t) => t.accepted)).toEqual([false, false, false]);
  });
});

describe('an 810 with tax and freight', () => {
  const [set] = parseInterchange(sampleFile('810-tax-freight.edi', values)).groups[0]!.transactions;

  it('reads TXI as tax and SAC*C*D240 as freight, the TDS total counting both', () => {
    expect(readInvoice810(set!)).toEqual({
      invoice: expect.objectContaining({ invoiceNumber: 'MED-INV-9101', taxAmount: '7.73', freightAmount: '8.25', total: '140.98' }),
      errors: [],
    });
  });

  it('refuses a charge it cannot carry, and a total that leaves the tax out', () => {
    const text = sampleFile('810-tax-freight.edi', values).replace('SAC*C*D240', 'SAC*C*H550').replace('TDS*14098', 'TDS*13325');
    const [other] = parseInterchange(text).groups[0]!.transactions;
    expect(readInvoice810(other!).errors).toEqual([
      { segment: 'SAC', position: 8, element: 2, code: '7', message: 'SAC C*H550 is not carried: only charge C D240 (freight) is' },
      {
        segment: 'TDS',
        position: 6,
        element: 1,
        code: '7',
        message: "TDS01 total 133.25 does not equal the lines' 125.00 plus tax and freight, 132.73",
      },
    ]);
  });
});

describe('reading required elements', () => {
  it('reports a missing invoice number and a bad date with their positions', () => {
    const text = sampleFile('810-two-invoices.edi', values).replace('BIG*20261201*MED-INV-9001*', 'BIG*2026131**');
    const [first] = parseInterchange(text).groups[0]!.transactions;
    expect(readInvoice810(first!).errors).toEqual([
      { segment: 'BIG', position: 2, element: 1, code: '8', message: 'BIG01 (invoice date) must be a date CCYYMMDD, got 2026131' },
      { segment: 'BIG', position: 2, element: 2, code: '1', message: 'BIG02 (invoice number) is required' },
    ]);
  });

  it('refuses what is not X12', () => {
    expect(() => parseInterchange('invoice_number,quantity\n1,2')).toThrow(X12FormatError);
  });
});

describe('an 855 with a changed line', () => {
  it("reads accepted, changed and rejected lines, with the order's ship date unless the line gives its own", () => {
    const [transaction] = parseInterchange(sampleFile('855-changed-line.edi', values)).groups[0]!.transactions;
    expect(readOrderAcknowledgment855(transaction!)).toEqual({
      acknowledgment: {
        orderNumber: 'PO-2026-000001',
        status: 'CHANGED',
        lines: [
          { lineNumber: 1, status: 'ACCEPTED', quantity: '10', unitPrice: '12.50', shipDate: '2026-12-10' },
          { lineNumber: 2, status: 'CHANGED', quantity: '15', unitPrice: '3.75', shipDate: '2026-12-15' },
          { lineNumber: 3, status: 'REJECTED', quantity: '0', unitPrice: '80.00', shipDate: '2026-12-10' },
        ],
      },
      errors: [],
    });
  });

  it('reports a ship date that is no date', () => {
    const text = sampleFile('855-changed-line.edi', values).replace('*068*20261215', '*068*20261315');
    const [transaction] = parseInterchange(text).groups[0]!.transactions;
    expect(readOrderAcknowledgment855(transaction!).errors).toEqual([
      { segment: 'ACK', position: 7, element: 5, code: '8', message: 'ACK05 (ship date) must be a date CCYYMMDD, got 20261315' },
    ]);
  });
});

describe('outbound documents', () => {
  it('writes an 850 that reads back to the same order', () => {
    const order = {
      orderNumber: 'PO-2026-000042',
      orderDate: '2026-12-03',
      currency: 'USD',
      shipTo: 'St. Mary Regional Medical Center',
      lines: [
        {
          lineNumber: 1,
          itemNumber: 'MS-1001',
          description: 'Nitrile exam gloves, medium',
          quantity: '10',
          unitOfMeasure: 'BX',
          unitPrice: '12.5',
        },
        { lineNumber: 2, itemNumber: 'MS-2002', description: null, quantity: '3', unitOfMeasure: 'EA', unitPrice: '199.99' },
      ],
    };
    const interchange = parseInterchange(writeOrder850(envelope(1001), order));
    expect(interchange.envelope).toMatchObject({ senderId: 'PROCUREGRAPH', receiverId: 'MEDLINEEDI', controlNumber: '000001001' });
    expect(interchange.groups[0]!.transactions[0]!.errors).toEqual([]);
    expect(readOrder850(interchange.groups[0]!.transactions[0]!)).toEqual({ order, errors: [] });
  });

  it('writes an 820 whose total is the sum of the invoices paid, and reads a 997 for it', () => {
    const remittance = {
      paymentReference: 'ACH-778812',
      paymentDate: '2026-12-04',
      currency: 'USD',
      payer: 'Northwind Health',
      payee: 'Medline Industries LP',
      invoices: [
        { invoiceNumber: 'MED-INV-9001', amountPaid: '125', invoiceAmount: '125' },
        { invoiceNumber: 'MED-INV-9002', amountPaid: '118.80', invoiceAmount: '120.00' },
      ],
    };
    const text = writeRemittance820(envelope(1002), remittance);
    expect(text).toContain('BPR*I*243.80*C*ACH*CCP***********20261204~');
    const sent = parseInterchange(text);
    expect(readRemittance820(sent.groups[0]!.transactions[0]!)).toEqual({
      remittance: {
        ...remittance,
        invoices: [
          { invoiceNumber: 'MED-INV-9001', amountPaid: '125.00', invoiceAmount: '125.00' },
          { invoiceNumber: 'MED-INV-9002', amountPaid: '118.80', invoiceAmount: '120.00' },
        ],
        total: '243.80',
      },
      errors: [],
    });
    const theirs = writeAcknowledgment997({ ...envelope(55), sender: medline, receiver: us }, acknowledge(sent, new Map(), false));
    const [ack] = parseInterchange(theirs).groups[0]!.transactions;
    expect(readAcknowledgment997(ack!)).toEqual({
      acknowledgment: {
        functionalId: 'RA',
        groupControlNumber: '1002',
        code: 'A',
        transactions: [{ type: '820', controlNumber: '0001', accepted: true, errors: [] }],
        groupErrors: [],
      },
      errors: [],
    });
  });
});
