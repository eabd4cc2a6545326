import { and, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from '@procuregraph/platform/db/database';
import type { ContractFacts, MatchContext } from '../matching/match-context.ts';
import {
  contractPriceTermProjections,
  contractProjections,
  invoiceLines,
  invoices,
  purchaseOrderLineProjections,
  purchaseOrderProjections,
  receiptLineProjections,
  supplierProjections,
} from './tables.ts';

export interface InvoiceKey {
  id: string;
  supplierId: string;
  purchaseOrderId: string | null;
  invoiceNumber: string;
}

async function supplierStatus(db: Queryable, supplierId: string): Promise<string | null> {
  const [row] = await db.select({ status: supplierProjections.status }).from(supplierProjections).where(eq(supplierProjections.supplierId, supplierId));
  return row?.status ?? null;
}

async function quantitiesByLine(rows: Promise<{ lineNumber: number; quantity: string | null }[]>): Promise<Map<number, string>> {
  return new Map((await rows).map((row) => [row.lineNumber, row.quantity ?? '0']));
}

function received(db: Queryable, purchaseOrderId: string) {
  const table = receiptLineProjections;
  return quantitiesByLine(
    db
      .select({ lineNumber: table.lineNumber, quantity: sql<string>`sum(${table.quantityReceived})::text` })
      .from(table)
      .where(eq(table.purchaseOrderId, purchaseOrderId))
      .groupBy(table.lineNumber),
  );
}

/** What the other live invoices on the same order already billed, per PO line. */
function billedElsewhere(db: Queryable, invoice: InvoiceKey, purchaseOrderId: string) {
  return quantitiesByLine(
    db
      .select({ lineNumber: invoiceLines.lineNumber, quantity: sql<string>`sum(${invoiceLines.quantity})::text` })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(and(eq(invoices.purchaseOrderId, purchaseOrderId), ne(invoices.id, invoice.id), ne(invoices.status, 'REJECTED')))
      .groupBy(invoiceLines.lineNumber),
  );
}

async function contractFacts(db: Queryable, contractId: string | null): Promise<ContractFacts | null> {
  if (!contractId) return null;
  const [contract] = await db.select().from(contractProjections).where(eq(contractProjections.contractId, contractId));
  if (!contract) return null;
  const terms = await db.select().from(contractPriceTermProjections).where(eq(contractPriceTermProjections.contractId, contractId));
  return { ...contract, prices: new Map(terms.map((term) => [term.itemNumber, term.unitPrice])) };
}

async function duplicateNumber(db: Queryable, invoice: InvoiceKey): Promise<boolean> {
  const rows = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.supplierId, invoice.supplierId), eq(invoices.invoiceNumber, invoice.invoiceNumber), ne(invoices.id, invoice.id), ne(invoices.status, 'REJECTED')))
    .limit(1);
  return rows.length > 0;
}

/** Reads, from invoicing's own tables and projections, everything the match rules need for one invoice. */
export async function loadMatchContext(db: Queryable, invoice: InvoiceKey, priceTolerancePct: number): Promise<MatchContext> {
  const base = {
    priceTolerancePct: String(priceTolerancePct),
    supplierStatus: await supplierStatus(db, invoice.supplierId),
    duplicateNumber: await duplicateNumber(db, invoice),
  };
  const none = { ...base, purchaseOrder: null, receivedByLine: new Map(), billedElsewhereByLine: new Map(), contract: null };
  if (!invoice.purchaseOrderId) return none;
  const [order] = await db.select().from(purchaseOrderProjections).where(eq(purchaseOrderProjections.purchaseOrderId, invoice.purchaseOrderId));
  if (!order || order.supplierId !== invoice.supplierId) return none;
  const lines = await db.select().from(purchaseOrderLineProjections).where(eq(purchaseOrderLineProjections.purchaseOrderId, order.purchaseOrderId));
  return {
    ...base,
    purchaseOrder: { number: order.number, lines },
    receivedByLine: await received(db, order.purchaseOrderId),
    billedElsewhereByLine: await billedElsewhere(db, invoice, order.purchaseOrderId),
    contract: await contractFacts(db, order.contractId),
  };
}
