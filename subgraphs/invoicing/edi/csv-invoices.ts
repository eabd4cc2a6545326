import { eq } from 'drizzle-orm';
import { readInvoiceCsv, type CsvError, type CsvInvoice } from '@procuregraph/connector-files';
import type { UserCaller } from '@procuregraph/platform/auth';
import { ediDocuments, newId, type Database, type EdiStatus } from '@procuregraph/platform/db';
import { announceOperationsChanges } from '@procuregraph/platform/events';
import type { FileRoute } from '@procuregraph/platform/subgraph';
import { purchaseOrderProjections } from '../db/tables.ts';
import { submitInvoice } from '../intake/submit-invoice.ts';

export interface CsvRouteOptions {
  db: Database;
  priceTolerancePct: number;
}

/** The CSV column a submitInvoice error is about. */
const columnOf: Record<string, string> = {
  invoiceNumber: 'invoice_number',
  invoiceDate: 'invoice_date',
  purchaseOrderId: 'purchase_order_number',
  lineNumber: 'line_number',
  itemNumber: 'item_number',
  quantity: 'quantity',
  unitPrice: 'unit_price',
  taxAmount: 'tax_amount',
  freightAmount: 'freight_amount',
};

function rowError(invoice: CsvInvoice, column: string, code: string, message: string): CsvError {
  return { row: invoice.rows[0]!, column, code, message };
}

/** One invoice of the file, through the same intake and match as submitInvoice; its own transaction. */
async function submitRow(
  options: CsvRouteOptions,
  caller: UserCaller,
  invoice: CsvInvoice,
): Promise<{ supplierId: string | null; errors: CsvError[] }> {
  const [order] = await options.db
    .select({ id: purchaseOrderProjections.purchaseOrderId, supplierId: purchaseOrderProjections.supplierId })
    .from(purchaseOrderProjections)
    .where(eq(purchaseOrderProjections.number, invoice.purchaseOrderNumber));
  if (!order || (caller.kind === 'supplier' && caller.supplierId !== order.supplierId)) {
    return {
      supplierId: null,
      errors: [rowError(invoice, 'purchase_order_number', 'UNKNOWN_PURCHASE_ORDER', `No purchase order ${invoice.purchaseOrderNumber}`)],
    };
  }
  const result = await submitInvoice(
    options.db,
    {
      supplierId: order.supplierId,
      purchaseOrderId: order.id,
      invoiceNumber: invoice.invoiceNumber,
      invoiceDate: invoice.invoiceDate,
      currency: invoice.currency,
      lines: invoice.lines,
      source: 'CSV',
      idempotencyKey: `csv:${order.supplierId}:${invoice.invoiceNumber}`,
      vendorPlatformInvoiceId: null,
      arrival: { system: 'FILES', action: `invoice received in CSV, row ${invoice.rows[0]!}` },
      taxAmount: invoice.taxAmount,
      freightAmount: invoice.freightAmount,
    },
    options.priceTolerancePct,
  );
  const errors = result.userErrors.map((error) =>
    rowError(
      invoice,
      columnOf[error.field?.find((part) => columnOf[part]) ?? 'invoiceNumber'] ?? 'invoice_number',
      error.code,
      error.message,
    ),
  );
  return { supplierId: order.supplierId, errors };
}

function statusOf(created: number, errors: number): EdiStatus {
  if (errors === 0) return 'ACCEPTED';
  return created > 0 ? 'ACCEPTED_WITH_ERRORS' : 'REJECTED';
}

/**
 * `POST /files/invoices`: a CSV of invoices (columns in connectors/files/csv/invoices.ts). Each
 * good invoice is created; each bad row is reported by row and column; the file is logged.
 */
export function csvInvoicesRoute(options: CsvRouteOptions): FileRoute {
  return {
    path: '/files/invoices',
    roles: ['integration', 'finance', 'supplier'],
    handle: async (content, caller) => {
      const { invoices, errors } = readInvoiceCsv(content);
      const suppliers = new Set<string>();
      let created = 0;
      for (const invoice of invoices) {
        const outcome = await submitRow(options, caller, invoice);
        if (outcome.supplierId) suppliers.add(outcome.supplierId);
        if (outcome.errors.length === 0) created += 1;
        errors.push(...outcome.errors);
      }
      errors.sort((a, b) => a.row - b.row);
      const id = newId();
      await options.db.insert(ediDocuments).values({
        id,
        direction: 'INBOUND',
        type: 'CSV_INVOICES',
        supplierId: suppliers.size === 1 ? [...suppliers][0]! : null,
        status: statusOf(created, errors.length),
        errors: errors.map((error) => ({
          segment: error.column,
          position: error.row,
          element: null,
          code: error.code,
          message: error.message,
        })),
        content,
      });
      await announceOperationsChanges(options.db, [{ topic: 'EDI_DOCUMENTS', recordId: id }]);
      return { status: 200, body: { created, errors } };
    },
  };
}
