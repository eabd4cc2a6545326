import {
  closeDatabaseClient,
  executeSql,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Queryable,
} from '@procuregraph/platform/db';
import { loadMatchContext, type InvoiceKey, matchInvoice, type InvoiceToMatch } from '@procuregraph/invoicing';
import type { BenchPlan } from '../config.ts';
import { spreadOf, type Spread } from '../stats.ts';

export interface MatchingFigure {
  invoices: number;
  lines: number;
  concurrency: number;
  linesPerSecond: Spread;
}

interface StoredInvoice {
  key: InvoiceKey;
  document: InvoiceToMatch;
}

const PRICE_TOLERANCE_PCT = 2;
const CONCURRENCY = 4;

async function invoicesToMatch(client: DatabaseClient, limit: number): Promise<StoredInvoice[]> {
  const rows = await executeSql<{
    id: string;
    supplier_id: string;
    purchase_order_id: string | null;
    invoice_number: string;
    invoice_date: string;
    tax_amount: string;
    freight_amount: string;
    lines: InvoiceToMatch['lines'];
  }>(
    client,
    `select i.id, i.supplier_id, i.purchase_order_id, i.invoice_number, i.invoice_date::text,
            i.tax_amount::text, i.freight_amount::text,
            json_agg(json_build_object('lineNumber', l.line_number, 'itemNumber', l.item_number, 'quantity', l.quantity::text, 'unitPrice', l.unit_price::text) order by l.position) as lines
       from invoicing.invoices i join invoicing.invoice_lines l on l.invoice_id = i.id
      group by i.id order by i.id limit $1`,
    [limit],
  );
  return rows.map((row) => ({
    key: { id: row.id, supplierId: row.supplier_id, purchaseOrderId: row.purchase_order_id, invoiceNumber: row.invoice_number },
    document: {
      invoiceNumber: row.invoice_number,
      invoiceDate: row.invoice_date,
      taxAmount: row.tax_amount,
      freightAmount: row.freight_amount,
      lines: row.lines,
    },
  }));
}

/** Matches every invoice once, `CONCURRENCY` at a time, reading each one's context as intake does; returns elapsed ms. */
async function matchAll(db: Queryable, invoices: readonly StoredInvoice[]): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < invoices.length) {
      const invoice = invoices[next++]!;
      matchInvoice(invoice.document, await loadMatchContext(db, invoice.key, invoice.document, PRICE_TOLERANCE_PCT));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

/**
 * Invoice lines per second through the match engine with its database reads (the context each
 * match needs), read-only: outcomes are not written back, so repeats see the same data.
 */
export async function measureMatching(databaseUrl: string, plan: BenchPlan): Promise<MatchingFigure> {
  const client = await openDatabaseClient({ url: databaseUrl, maxConnections: CONCURRENCY });
  try {
    const db = createServiceDatabase(client, 'invoicing', 'bench-matching').db;
    const invoices = await invoicesToMatch(client, plan.matchInvoices);
    const lines = invoices.reduce((sum, invoice) => sum + invoice.document.lines.length, 0);
    await matchAll(db, invoices.slice(0, 50));
    const rates: number[] = [];
    for (let repeat = 0; repeat < plan.repeats; repeat += 1) rates.push((lines * 1000) / (await matchAll(db, invoices)));
    return { invoices: invoices.length, lines, concurrency: CONCURRENCY, linesPerSecond: spreadOf(rates) };
  } finally {
    await closeDatabaseClient(client);
  }
}
