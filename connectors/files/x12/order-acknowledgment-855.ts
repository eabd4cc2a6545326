import type { X12Error, X12TransactionSet } from './interchange.ts';
import { SegmentReader } from './segments.ts';

export type AcknowledgedLineStatus = 'ACCEPTED' | 'CHANGED' | 'REJECTED';

export interface EdiOrderAcknowledgmentLine {
  lineNumber: number;
  status: AcknowledgedLineStatus;
  /** ACK02: the quantity the supplier will ship. */
  quantity: string;
  unitPrice: string;
  /** The ship date the supplier gives the line (ACK04 068 with ACK05, or the order's DTM*068); null without one. */
  shipDate: string | null;
}

export interface EdiOrderAcknowledgment {
  orderNumber: string;
  /** BAK02: AD accepted, AC accepted with changes, RJ rejected. */
  status: 'ACCEPTED' | 'CHANGED' | 'REJECTED';
  lines: EdiOrderAcknowledgmentLine[];
}

const orderStatus: Record<string, EdiOrderAcknowledgment['status']> = { AD: 'ACCEPTED', AT: 'ACCEPTED', AC: 'CHANGED', RJ: 'REJECTED' };
const lineStatus: Record<string, AcknowledgedLineStatus> = { IA: 'ACCEPTED', IC: 'CHANGED', IQ: 'CHANGED', DR: 'CHANGED', IR: 'REJECTED' };
/** Date/time qualifier 068: current schedule ship. */
const SHIP_DATE = '068';

/** The order-level ship date: a DTM*068 before the first PO1. */
function orderShipDate(reader: SegmentReader, segments: X12TransactionSet['segments']): string | null {
  const firstLine = segments.findIndex((segment) => segment.tag === 'PO1');
  const dtm = segments
    .slice(0, firstLine === -1 ? segments.length : firstLine)
    .find((segment) => segment.tag === 'DTM' && reader.optional(segment, 1) === SHIP_DATE);
  return dtm ? reader.date(dtm, 2, 'ship date') : null;
}

/**
 * Reads an 855: BAK (status, PO number), an optional DTM*068 ship date for the order, then each
 * PO1 line followed by its ACK line status (ACK04 068 and ACK05: the line's own ship date).
 */
export function readOrderAcknowledgment855(transaction: X12TransactionSet): { acknowledgment: EdiOrderAcknowledgment; errors: X12Error[] } {
  const reader = new SegmentReader(transaction.segments);
  const bak = reader.required('BAK');
  const code = bak ? reader.text(bak, 2, 'acknowledgment type') : '';
  if (bak && code !== '' && !orderStatus[code]) reader.fail(bak, 2, '7', `BAK02 ${code} is not AD, AT, AC or RJ`);
  const shipDate = orderShipDate(reader, transaction.segments);
  const lines = transaction.segments.flatMap((segment, index) => {
    if (segment.tag !== 'PO1') return [];
    const ack = transaction.segments[index + 1];
    if (ack?.tag !== 'ACK') {
      reader.fail(segment, 1, '1', `PO1 line ${reader.optional(segment, 1) ?? '?'} has no ACK line status`);
      return [];
    }
    const status = lineStatus[reader.text(ack, 1, 'line item status')];
    if (!status) reader.fail(ack, 1, '7', `ACK01 ${reader.optional(ack, 1) ?? ''} is not IA, IC, IQ, DR or IR`);
    return [
      {
        lineNumber: reader.integer(segment, 1, 'line number'),
        status: status ?? 'REJECTED',
        quantity: reader.optional(ack, 2) ?? reader.decimal(segment, 2, 'quantity'),
        unitPrice: reader.decimal(segment, 4, 'unit price'),
        shipDate: reader.optional(ack, 4) === SHIP_DATE ? reader.date(ack, 5, 'ship date') : shipDate,
      },
    ];
  });
  const acknowledgment = {
    orderNumber: bak ? reader.text(bak, 3, 'purchase order number') : '',
    status: orderStatus[code] ?? 'REJECTED',
    lines,
  };
  return { acknowledgment, errors: reader.errors };
}
