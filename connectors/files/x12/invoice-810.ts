import { decimal, sum } from '@procuregraph/platform/money';
import type { X12Error, X12TransactionSet } from './interchange.ts';
import { SegmentReader, qualified } from './segments.ts';

export interface EdiInvoiceLine {
  /** IT101: the purchase-order line billed. */
  lineNumber: number;
  itemNumber: string;
  quantity: string;
  unitPrice: string;
}

export interface EdiInvoice {
  invoiceNumber: string;
  invoiceDate: string;
  purchaseOrderNumber: string;
  currency: string;
  lines: EdiInvoiceLine[];
  /** TDS01 as a decimal amount (the element carries cents). */
  total: string | null;
}

function line(reader: SegmentReader, segment: Parameters<SegmentReader['text']>[0]): EdiInvoiceLine {
  const itemNumber = qualified(segment, 'VC', 6) ?? qualified(segment, 'VN', 6) ?? qualified(segment, 'IN', 6);
  if (itemNumber === null) reader.fail(segment, 7, '1', 'IT107 (the supplier item number, qualified VC, VN or IN) is required');
  return {
    lineNumber: reader.integer(segment, 1, 'line number'),
    quantity: reader.decimal(segment, 2, 'quantity invoiced'),
    unitPrice: reader.decimal(segment, 4, 'unit price'),
    itemNumber: itemNumber ?? '',
  };
}

function totalErrors(reader: SegmentReader, invoice: EdiInvoice): void {
  const tds = reader.first('TDS');
  if (!tds || invoice.total === null || invoice.lines.some((l) => !/^-?\d/.test(l.quantity) || !/^-?\d/.test(l.unitPrice))) return;
  const lines = sum(invoice.lines.map((l) => decimal(l.quantity).times(l.unitPrice)));
  if (!lines.toDecimalPlaces(2).equals(decimal(invoice.total)))
    reader.fail(tds, 1, '7', `TDS01 total ${invoice.total} does not equal the lines' ${lines.toFixed(2)}`);
}

/**
 * Reads an 810 invoice (004010/005010): BIG (date, number, PO number), optional CUR, IT1 lines
 * (IT101 PO line, IT102 quantity, IT104 unit price, item number after VC/VN/IN), TDS total in
 * cents. Returns the invoice and the AK3/AK4 errors that make it unusable.
 */
export function readInvoice810(transaction: X12TransactionSet): { invoice: EdiInvoice; errors: X12Error[] } {
  const reader = new SegmentReader(transaction.segments);
  const big = reader.required('BIG');
  const lines = reader.all('IT1').map((segment) => line(reader, segment));
  if (lines.length === 0) reader.required('IT1');
  const tds = reader.first('TDS');
  const tdsCents = tds ? reader.integer(tds, 1, 'total invoice amount') : null;
  const invoice: EdiInvoice = {
    invoiceDate: big ? reader.date(big, 1, 'invoice date') : '',
    invoiceNumber: big ? reader.text(big, 2, 'invoice number') : '',
    purchaseOrderNumber: big ? reader.text(big, 4, 'purchase order number') : '',
    currency: reader.optional(reader.first('CUR'), 2) ?? 'USD',
    lines,
    total: tdsCents === null || Number.isNaN(tdsCents) ? null : decimal(String(tdsCents)).dividedBy(100).toFixed(2),
  };
  totalErrors(reader, invoice);
  return { invoice, errors: reader.errors };
}
