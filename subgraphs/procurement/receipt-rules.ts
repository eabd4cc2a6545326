import { decimal, formatDecimal, sum } from '@procuregraph/platform/money';
import type { UserError } from '@procuregraph/platform/graphql';
import type { PurchaseOrderStatus } from './db/tables.ts';

export interface ReceiptLineInput {
  lineNumber: number;
  quantityReceived: string;
}

/** Per order line: what was ordered and what has been received so far (decimal strings). */
export type LineQuantities = ReadonlyMap<number, { ordered: string; received: string }>;

export const RECEIVABLE_STATUSES: readonly PurchaseOrderStatus[] = ['OPEN', 'PARTIALLY_RECEIVED'];

/** The receiving tolerance is zero, as in the ERP: a line never receives more than it ordered. */
export function receiptLineErrors(lines: readonly ReceiptLineInput[], quantities: LineQuantities): UserError[] {
  if (lines.length === 0) return [{ field: ['input', 'lines'], message: 'A receipt needs at least one line.', code: 'REQUIRED' }];
  const incoming = receivedByLine(lines);
  return lines.flatMap((line, index): UserError[] => {
    const path = (field: string) => ['input', 'lines', String(index), field];
    const known = quantities.get(line.lineNumber);
    if (!known) return [{ field: path('lineNumber'), message: `The order has no line ${line.lineNumber}.`, code: 'NOT_FOUND' }];
    if (!decimal(line.quantityReceived).greaterThan(0)) {
      return [
        { field: path('quantityReceived'), message: `Line ${line.lineNumber}: the quantity must be positive.`, code: 'INVALID_QUANTITY' },
      ];
    }
    const total = decimal(known.received).plus(incoming.get(line.lineNumber) ?? '0');
    if (total.greaterThan(known.ordered)) {
      const message = `Line ${line.lineNumber}: receiving ${formatDecimal(total)} in all exceeds the ${formatDecimal(known.ordered)} ordered.`;
      return [{ field: path('quantityReceived'), message, code: 'OVER_RECEIPT' }];
    }
    return [];
  });
}

/** Sums the quantities per line number (a receipt may name a line twice). */
export function receivedByLine(lines: readonly ReceiptLineInput[]): Map<number, string> {
  const totals = new Map<number, string>();
  for (const line of lines) totals.set(line.lineNumber, sum([totals.get(line.lineNumber) ?? '0', line.quantityReceived]).toFixed());
  return totals;
}

/** Where an open order stands once its receipts are counted. */
export function statusAfterReceipts(quantities: LineQuantities): PurchaseOrderStatus {
  const lines = [...quantities.values()];
  if (lines.every((line) => decimal(line.received).greaterThanOrEqualTo(line.ordered))) return 'RECEIVED';
  return lines.some((line) => decimal(line.received).greaterThan(0)) ? 'PARTIALLY_RECEIVED' : 'OPEN';
}
