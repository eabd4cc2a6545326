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
  /** The sum of the TXI02 amounts (TXI02 carries its decimal point), '0' without any TXI. */
  taxAmount: string;
  /** The sum of the SAC*C*D240 (freight) amounts; SAC05 carries cents. '0' without any. */
  freightAmount: string;
  /** TDS01 as a decimal amount (the element carries cents): the lines plus tax and freight. */
  total: string | null;
}

/** SAC02 service, promotion, allowance or charge code for freight: the only charge an invoice carries. */
const FREIGHT = 'D240';

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

const isNumber = (value: string) => /^-?\d/.test(value);

/** Cents (an N2 element such as TDS01 or SAC05) as a decimal amount. */
const fromCents = (cents: number) => decimal(String(cents)).dividedBy(100).toFixed(2);

function taxAmount(reader: SegmentReader): string {
  const amounts = reader.all('TXI').map((segment) => {
    const amount = reader.decimal(segment, 2, 'tax amount');
    if (isNumber(amount) && decimal(amount).decimalPlaces() > 2)
      reader.fail(segment, 2, '6', `TXI02 (tax amount) has more than cents: ${amount}`);
    return amount;
  });
  return amounts.every(isNumber) ? sum(amounts).toFixed(2) : '0';
}

/** Freight from SAC*C*D240; an allowance or any other charge is refused, since the invoice could not carry it. */
function freightAmount(reader: SegmentReader): string {
  const amounts = reader.all('SAC').flatMap((segment) => {
    if (reader.optional(segment, 1) !== 'C' || reader.optional(segment, 2) !== FREIGHT) {
      reader.fail(
        segment,
        2,
        '7',
        `SAC ${reader.optional(segment, 1) ?? ''}*${reader.optional(segment, 2) ?? ''} is not carried: only charge C D240 (freight) is`,
      );
      return [];
    }
    const cents = reader.integer(segment, 5, 'freight amount');
    return Number.isNaN(cents) ? [] : [fromCents(cents)];
  });
  return sum(amounts).toFixed(2);
}

function totalErrors(reader: SegmentReader, invoice: EdiInvoice): void {
  const tds = reader.first('TDS');
  if (!tds || invoice.total === null || invoice.lines.some((l) => !isNumber(l.quantity) || !isNumber(l.unitPrice))) return;
  const lines = sum(invoice.lines.map((l) => decimal(l.quantity).times(l.unitPrice))).toDecimalPlaces(2);
  const expected = lines.plus(invoice.taxAmount).plus(invoice.freightAmount);
  if (!expected.equals(decimal(invoice.total)))
    reader.fail(
      tds,
      1,
      '7',
      `TDS01 total ${invoice.total} does not equal the lines' ${lines.toFixed(2)} plus tax and freight, ${expected.toFixed(2)}`,
    );
}

/**
 * Reads an 810 invoice (004010/005010): BIG (date, number, PO number), optional CUR, IT1 lines
 * (IT101 PO line, IT102 quantity, IT104 unit price, item number after VC/VN/IN), TXI tax (TXI02
 * amount), SAC*C*D240 freight (SAC05 in cents), TDS total in cents (lines plus tax and freight). Returns the invoice and the AK3/AK4 errors that make it unusable.
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
    taxAmount: taxAmount(reader),
    freightAmount: freightAmount(reader),
    total: tdsCents === null || Number.isNaN(tdsCents) ? null : fromCents(tdsCents),
  };
  totalErrors(reader, invoice);
  return { invoice, errors: reader.errors };
}
