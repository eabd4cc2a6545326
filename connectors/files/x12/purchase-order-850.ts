import type { X12Error, X12TransactionSet } from './interchange.ts';
import { SegmentReader, qualified, yyyymmdd } from './segments.ts';
import { writeInterchange, type OutboundEnvelope, type SegmentSpec } from './writer.ts';

export interface EdiOrderLine {
  lineNumber: number;
  itemNumber: string;
  description: string | null;
  quantity: string;
  unitOfMeasure: string;
  unitPrice: string;
}

export interface EdiOrder {
  orderNumber: string;
  orderDate: string;
  currency: string;
  shipTo: string | null;
  lines: EdiOrderLine[];
}

function lineSegments(line: EdiOrderLine): SegmentSpec[] {
  const po1 = {
    tag: 'PO1',
    elements: [String(line.lineNumber), line.quantity, line.unitOfMeasure, line.unitPrice, '', 'VC', line.itemNumber],
  };
  return line.description ? [po1, { tag: 'PID', elements: ['F', '', '', '', line.description] }] : [po1];
}

/** An 850 purchase order: BEG (new order, stand-alone), CUR, the ship-to N1, PO1 lines, CTT. */
export function writeOrder850(envelope: OutboundEnvelope, order: EdiOrder): string {
  const body: SegmentSpec[] = [
    { tag: 'BEG', elements: ['00', 'SA', order.orderNumber, '', yyyymmdd(order.orderDate)] },
    { tag: 'CUR', elements: ['BY', order.currency] },
    ...(order.shipTo ? [{ tag: 'N1', elements: ['ST', order.shipTo] }] : []),
    ...order.lines.flatMap(lineSegments),
    { tag: 'CTT', elements: [String(order.lines.length)] },
  ];
  return writeInterchange(envelope, 'PO', '850', [body]);
}

/** Reads an 850 back (the partner's view of what we sent). */
export function readOrder850(transaction: X12TransactionSet): { order: EdiOrder; errors: X12Error[] } {
  const reader = new SegmentReader(transaction.segments);
  const beg = reader.required('BEG');
  const lines = transaction.segments.flatMap((segment, index) => {
    if (segment.tag !== 'PO1') return [];
    const next = transaction.segments[index + 1];
    return [
      {
        lineNumber: reader.integer(segment, 1, 'line number'),
        quantity: reader.decimal(segment, 2, 'quantity ordered'),
        unitOfMeasure: reader.text(segment, 3, 'unit of measure'),
        unitPrice: reader.decimal(segment, 4, 'unit price'),
        itemNumber: qualified(segment, 'VC', 6) ?? '',
        description: next?.tag === 'PID' ? reader.optional(next, 5) : null,
      },
    ];
  });
  const order: EdiOrder = {
    orderNumber: beg ? reader.text(beg, 3, 'purchase order number') : '',
    orderDate: beg ? reader.date(beg, 5, 'order date') : '',
    currency: reader.optional(reader.first('CUR'), 2) ?? 'USD',
    shipTo: reader.optional(
      reader.all('N1').find((n1) => reader.optional(n1, 1) === 'ST'),
      2,
    ),
    lines,
  };
  return { order, errors: reader.errors };
}
