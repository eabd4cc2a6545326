import { parse } from 'csv-parse/sync';
import { isDecimalString } from '@procuregraph/platform/money';

/**
 * The documented columns of an invoice CSV, one row per invoice line; rows sharing an invoice_number
 * make one invoice. currency, tax_amount and freight_amount are optional (USD, 0, 0); the two
 * amounts are the invoice's, given on any of its rows (the same on each row that gives them).
 */
export const INVOICE_CSV_COLUMNS = [
  'invoice_number',
  'invoice_date',
  'purchase_order_number',
  'line_number',
  'item_number',
  'quantity',
  'unit_price',
  'currency',
  'tax_amount',
  'freight_amount',
] as const;

type Column = (typeof INVOICE_CSV_COLUMNS)[number];
const REQUIRED: Column[] = [
  'invoice_number',
  'invoice_date',
  'purchase_order_number',
  'line_number',
  'item_number',
  'quantity',
  'unit_price',
];

/** A problem in one row (1 = the header row) and column. */
export interface CsvError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface CsvInvoiceLine {
  lineNumber: number;
  itemNumber: string;
  quantity: string;
  unitPrice: string;
}

export interface CsvInvoice {
  invoiceNumber: string;
  invoiceDate: string;
  purchaseOrderNumber: string;
  currency: string;
  lines: CsvInvoiceLine[];
  taxAmount: string;
  freightAmount: string;
  /** The CSV rows it came from, to report errors found later against them. */
  rows: number[];
}

function cellErrors(record: Record<Column, string | undefined>, row: number): CsvError[] {
  const errors: CsvError[] = [];
  const fail = (column: Column, code: string, message: string) => errors.push({ row, column, code, message });
  for (const column of REQUIRED) if (!record[column]?.trim()) fail(column, 'REQUIRED', `${column} is required`);
  const { invoice_date: date, line_number: lineNumber, quantity, unit_price: price } = record;
  if (date?.trim() && (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim()) || Number.isNaN(Date.parse(date.trim()))))
    fail('invoice_date', 'INVALID_DATE', `invoice_date must be YYYY-MM-DD, got ${date}`);
  if (lineNumber?.trim() && !/^[1-9]\d*$/.test(lineNumber.trim()))
    fail('line_number', 'INVALID_LINE_NUMBER', `line_number must be 1 or more, got ${lineNumber}`);
  if (quantity?.trim() && (!isDecimalString(quantity.trim()) || Number(quantity) <= 0))
    fail('quantity', 'INVALID_QUANTITY', `quantity must be a positive decimal, got ${quantity}`);
  if (price?.trim() && (!isDecimalString(price.trim()) || Number(price) < 0))
    fail('unit_price', 'INVALID_PRICE', `unit_price must be a decimal of 0 or more, got ${price}`);
  for (const column of AMOUNTS) {
    const amount = record[column]?.trim();
    if (amount && !/^\d+(\.\d{1,2})?$/.test(amount))
      fail(column, 'INVALID_AMOUNT', `${column} must be an amount of 0 or more in cents, got ${amount}`);
  }
  return errors;
}

const AMOUNTS = ['tax_amount', 'freight_amount'] as const;
const amountField = { tax_amount: 'taxAmount', freight_amount: 'freightAmount' } as const;

function headerErrors(header: string[]): CsvError[] {
  return REQUIRED.filter((column) => !header.includes(column)).map((column) => ({
    row: 1,
    column,
    code: 'MISSING_COLUMN',
    message: `The header has no ${column} column`,
  }));
}

/** The invoice's tax and freight from a row that gives them; an amount differing from an earlier row's is an error. */
function amountErrors(
  invoice: CsvInvoice,
  given: Map<string, string>,
  record: Record<Column, string | undefined>,
  row: number,
): CsvError[] {
  return AMOUNTS.flatMap((column) => {
    const amount = record[column]?.trim();
    if (!amount) return [];
    const field = amountField[column];
    const earlier = given.get(`${invoice.invoiceNumber}:${column}`);
    if (earlier !== undefined && earlier !== amount)
      return [
        {
          row,
          column,
          code: 'INCONSISTENT_AMOUNT',
          message: `${column} ${amount} differs from ${earlier} on an earlier row of ${invoice.invoiceNumber}`,
        },
      ];
    given.set(`${invoice.invoiceNumber}:${column}`, amount);
    invoice[field] = amount;
    return [];
  });
}

function addRow(
  invoices: Map<string, CsvInvoice>,
  given: Map<string, string>,
  record: Record<Column, string | undefined>,
  row: number,
): CsvError[] {
  const invoiceNumber = record.invoice_number!.trim();
  const invoice = invoices.get(invoiceNumber) ?? {
    invoiceNumber,
    invoiceDate: record.invoice_date!.trim(),
    purchaseOrderNumber: record.purchase_order_number!.trim(),
    currency: record.currency?.trim() || 'USD',
    lines: [],
    taxAmount: '0',
    freightAmount: '0',
    rows: [],
  };
  const errors = amountErrors(invoice, given, record, row);
  invoice.lines.push({
    lineNumber: Number(record.line_number),
    itemNumber: record.item_number!.trim(),
    quantity: record.quantity!.trim(),
    unitPrice: record.unit_price!.trim(),
  });
  invoice.rows.push(row);
  invoices.set(invoiceNumber, invoice);
  return errors;
}

/**
 * Reads an invoice CSV (csv-parse: quoting, CRLF, a BOM). A row with a bad cell is reported by row
 * and column and leaves its whole invoice out, so no invoice is created with a line missing.
 */
export function readInvoiceCsv(text: string): { invoices: CsvInvoice[]; errors: CsvError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { invoices: [], errors: [{ row: line, column: null, code: 'INVALID_CSV', message: (error as Error).message }] };
  }
  const [header = [], ...rows] = records;
  const missing = headerErrors(header);
  if (missing.length > 0) return { invoices: [], errors: missing };
  const errors: CsvError[] = [];
  const invoices = new Map<string, CsvInvoice>();
  const given = new Map<string, string>();
  const spoiled = new Set<string>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    const record = Object.fromEntries(header.map((column, at) => [column, cells[at]])) as Record<Column, string | undefined>;
    const found = cellErrors(record, row);
    if (found.length === 0) found.push(...addRow(invoices, given, record, row));
    if (found.length > 0) {
      errors.push(...found);
      if (record.invoice_number?.trim()) spoiled.add(record.invoice_number.trim());
    }
  });
  return { invoices: [...invoices.values()].filter((invoice) => !spoiled.has(invoice.invoiceNumber)), errors };
}
