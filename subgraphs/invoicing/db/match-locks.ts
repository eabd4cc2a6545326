import { sql } from 'drizzle-orm';
import type { Transaction } from '@procuregraph/platform/db/database';

/**
 * Serializes, until the transaction ends, the work that reads or changes the facts an invoice
 * is matched on: an invoice's intake and the arrival of its order's receipts or changes (keyed
 * by the order), or of its supplier's contracts (keyed by the supplier). Whichever comes second
 * sees what the first committed, so a receipt recorded while an invoice is taken in is never
 * missed by both.
 */
export async function lockMatchFacts(tx: Transaction, scope: 'order' | 'supplier', id: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invoicing-match:${scope}:${id}`}))`);
}
