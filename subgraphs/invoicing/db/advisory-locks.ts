import { sql } from 'drizzle-orm';
import type { Transaction } from '@procuregraph/platform/db';

/* Transaction-scoped locks for work that must see what a concurrent transaction committed: whichever comes second waits, then reads it. */

async function lock(tx: Transaction, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

/**
 * Serializes the work that reads or changes the facts an invoice is matched on: an invoice's
 * intake and the arrival of its order's receipts or changes (keyed by the order), or of its
 * supplier's contracts (keyed by the supplier). A receipt recorded while an invoice is taken in
 * is then never missed by both.
 */
export function lockMatchFacts(tx: Transaction, scope: 'order' | 'supplier', id: string): Promise<void> {
  return lock(tx, `invoicing-match:${scope}:${id}`);
}

/** Serializes linking an invoice to its ERP id with applying payments that name that id, so a payment never misses the link. */
export async function lockErpInvoiceLinks(tx: Transaction, erpInvoiceIds: readonly string[]): Promise<void> {
  for (const erpInvoiceId of [...new Set(erpInvoiceIds)].sort()) await lock(tx, `invoicing-erp-invoice:${erpInvoiceId}`);
}
