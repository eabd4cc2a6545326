import type { UserError } from '@procuregraph/platform/graphql';
import { isUuid, type JourneySystem } from '@procuregraph/platform/db';
import { decimal, isDecimalString } from '@procuregraph/platform/money';
import type { InvoiceSource } from '../db/tables.ts';
import type { InvoiceLineToMatch } from '../matching/match-context.ts';

/** An invoice as it arrives, from the graph or the vendor platform, before anything is stored. */
export interface InvoiceSubmission {
  supplierId: string;
  purchaseOrderId: string | null;
  invoiceNumber: string;
  invoiceDate: string;
  currency: string;
  lines: InvoiceLineToMatch[];
  /** Decimal strings, 0 when the invoice bills none. */
  taxAmount: string;
  freightAmount: string;
  source: InvoiceSource;
  idempotencyKey: string | null;
  /** The portal invoice it came from, for vendor-platform submissions. */
  vendorPlatformInvoiceId: string | null;
  /** How it reached us, when not by the graph: the first step of the invoice's journey, written only when it is created. */
  arrival?: { system: JourneySystem; action: string };
}

function error(field: (string | number)[], code: string, message: string): UserError {
  return { field: field.map(String), code, message };
}

function lineErrors(line: InvoiceLineToMatch, index: number): UserError[] {
  const at = (name: string) => ['input', 'lines', index, name];
  const errors: UserError[] = [];
  if (!Number.isInteger(line.lineNumber) || line.lineNumber < 1)
    errors.push(error(at('lineNumber'), 'INVALID_LINE_NUMBER', 'lineNumber must be a purchase-order line number (1 or more)'));
  if (line.itemNumber.trim() === '') errors.push(error(at('itemNumber'), 'REQUIRED', 'itemNumber is required'));
  if (!isDecimalString(line.quantity) || decimal(line.quantity).lessThanOrEqualTo(0)) {
    errors.push(error(at('quantity'), 'INVALID_QUANTITY', `quantity must be a positive decimal, got ${JSON.stringify(line.quantity)}`));
  }
  if (!isDecimalString(line.unitPrice) || decimal(line.unitPrice).isNegative()) {
    errors.push(error(at('unitPrice'), 'INVALID_PRICE', `unitPrice must be a decimal of 0 or more, got ${JSON.stringify(line.unitPrice)}`));
  }
  return errors;
}

/** What makes a submission unusable; match problems are not errors, they become exceptions later. */
export function submissionErrors(submission: InvoiceSubmission): UserError[] {
  const errors: UserError[] = [];
  if (!isUuid(submission.supplierId)) errors.push(error(['input', 'supplierId'], 'REQUIRED', 'supplierId must be the id of a supplier'));
  if (submission.purchaseOrderId !== null && !isUuid(submission.purchaseOrderId)) {
    errors.push(error(['input', 'purchaseOrderId'], 'INVALID_ID', 'purchaseOrderId is not a valid id'));
  }
  if (submission.invoiceNumber.trim() === '') errors.push(error(['input', 'invoiceNumber'], 'REQUIRED', 'invoiceNumber is required'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(submission.invoiceDate))
    errors.push(error(['input', 'invoiceDate'], 'REQUIRED', 'invoiceDate must be YYYY-MM-DD'));
  if (submission.lines.length === 0) errors.push(error(['input', 'lines'], 'REQUIRED', 'an invoice needs at least one line'));
  for (const field of ['taxAmount', 'freightAmount'] as const) {
    const value = submission[field];
    if (!isDecimalString(value) || decimal(value).isNegative() || decimal(value).decimalPlaces() > 2) {
      errors.push(
        error(['input', field], 'INVALID_AMOUNT', `${field} must be an amount of 0 or more in cents, got ${JSON.stringify(value)}`),
      );
    }
  }
  return [...errors, ...submission.lines.flatMap(lineErrors)];
}
