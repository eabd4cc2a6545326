import { and, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '@procuregraph/platform/db';
import type { ContractFacts, InvoiceToMatch, MatchContext } from '../matching/match-context.ts';
import { tolerancesForSupplier } from './match-tolerances.ts';
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
}

async function supplierStatus(db: Queryable, supplierId: string): Promise<string | null> {
  const [row] = await db
    .select({ status: supplierProjections.status })
    .from(supplierProjections)
    .where(eq(supplierProjections.supplierId, supplierId));
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

/** What the supplier's other live invoices on the same order already billed, per PO line. */
function billedElsewhere(db: Queryable, invoice: InvoiceKey, purchaseOrderId: string) {
  return quantitiesByLine(
    db
      .select({ lineNumber: invoiceLines.lineNumber, quantity: sql<string>`sum(${invoiceLines.quantity})::text` })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(
        and(
          eq(invoices.purchaseOrderId, purchaseOrderId),
          eq(invoices.supplierId, invoice.supplierId),
          ne(invoices.id, invoice.id),
          ne(invoices.status, 'REJECTED'),
        ),
      )
      .groupBy(invoiceLines.lineNumber),
  );
}

async function contractWithTerms(db: Queryable, contractId: string, source: ContractFacts['source']): Promise<ContractFacts | null> {
  const [contract] = await db.select().from(contractProjections).where(eq(contractProjections.contractId, contractId));
  if (!contract) return null;
  const terms = await db.select().from(contractPriceTermProjections).where(eq(contractPriceTermProjections.contractId, contractId));
  return { ...contract, source, prices: new Map(terms.map((term) => [term.itemNumber, term.unitPrice])) };
}

/**
 * The supplier's ACTIVE contract in force on the invoice date that prices the most of the billed
 * items (the latest to take effect when several do equally): what an order placed without naming
 * a contract is still held to.
 */
async function supplierContractId(db: Queryable, supplierId: string, document: InvoiceToMatch): Promise<string | null> {
  const items = [...new Set(document.lines.map((line) => line.itemNumber))];
  const [covering] = await db
    .select({ contractId: contractProjections.contractId })
    .from(contractProjections)
    .innerJoin(contractPriceTermProjections, eq(contractPriceTermProjections.contractId, contractProjections.contractId))
    .where(
      and(
        eq(contractProjections.supplierId, supplierId),
        eq(contractProjections.status, 'ACTIVE'),
        lte(contractProjections.effectiveFrom, document.invoiceDate),
        or(isNull(contractProjections.effectiveTo), gte(contractProjections.effectiveTo, document.invoiceDate)),
        inArray(contractPriceTermProjections.itemNumber, items),
      ),
    )
    .groupBy(contractProjections.contractId, contractProjections.effectiveFrom)
    .orderBy(desc(sql`count(*)`), desc(contractProjections.effectiveFrom), contractProjections.contractId)
    .limit(1);
  return covering?.contractId ?? null;
}

async function contractFacts(
  db: Queryable,
  orderContractId: string | null,
  supplierId: string,
  document: InvoiceToMatch,
): Promise<ContractFacts | null> {
  if (orderContractId) return contractWithTerms(db, orderContractId, 'ORDER');
  const contractId = await supplierContractId(db, supplierId, document);
  return contractId ? contractWithTerms(db, contractId, 'SUPPLIER') : null;
}

/** Reads, from invoicing's own tables and projections, everything the match rules need for one invoice. */
export async function loadMatchContext(
  db: Queryable,
  invoice: InvoiceKey,
  document: InvoiceToMatch,
  priceTolerancePct: number,
): Promise<MatchContext> {
  const base = {
    tolerances: await tolerancesForSupplier(db, invoice.supplierId, priceTolerancePct),
    supplierStatus: await supplierStatus(db, invoice.supplierId),
  };
  const none = { ...base, purchaseOrder: null, receivedByLine: new Map(), billedElsewhereByLine: new Map(), contract: null };
  if (!invoice.purchaseOrderId) return none;
  const [order] = await db
    .select()
    .from(purchaseOrderProjections)
    .where(eq(purchaseOrderProjections.purchaseOrderId, invoice.purchaseOrderId));
  if (!order || order.supplierId !== invoice.supplierId) return none;
  const lines = await db
    .select()
    .from(purchaseOrderLineProjections)
    .where(eq(purchaseOrderLineProjections.purchaseOrderId, order.purchaseOrderId));
  return {
    ...base,
    purchaseOrder: { number: order.number, lines },
    receivedByLine: await received(db, order.purchaseOrderId),
    billedElsewhereByLine: await billedElsewhere(db, invoice, order.purchaseOrderId),
    contract: await contractFacts(db, order.contractId, invoice.supplierId, document),
  };
}
