import { sql } from 'drizzle-orm';
import type { Transaction } from '@procuregraph/platform/db';

/**
 * Serializes a contract looking for its supplier by ERP supplier number with that supplier's link
 * arriving, so a contract is never left pending because each transaction missed the other's write.
 */
export async function lockVendorNumber(tx: Transaction, vendorNumber: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contracts-vendor:${vendorNumber}`}))`);
}
