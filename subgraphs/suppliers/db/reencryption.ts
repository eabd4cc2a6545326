import { asc, eq, gt } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import { bankAccountFingerprint } from '../supplier/identifiers.ts';
import { suppliers, type SupplierRow } from './tables.ts';

const BATCH = 500;

/** The supplier's secrets under the current key, with the fingerprints the current key gives them. */
function reencrypted(cipher: FieldCipher, row: SupplierRow): Partial<SupplierRow> {
  const taxId = cipher.decrypt(row.taxIdCiphertext);
  const changes: Partial<SupplierRow> = { taxIdCiphertext: cipher.encrypt(taxId), taxIdFingerprint: cipher.fingerprint(taxId) };
  if (row.bankAccountCiphertext && row.bankRoutingNumber) {
    const accountNumber = cipher.decrypt(row.bankAccountCiphertext);
    changes.bankAccountCiphertext = cipher.encrypt(accountNumber);
    changes.bankAccountFingerprint = bankAccountFingerprint(cipher, row.bankRoutingNumber, accountNumber);
  }
  return changes;
}

const isStale = (cipher: FieldCipher, row: SupplierRow) =>
  cipher.isStale(row.taxIdCiphertext) || (row.bankAccountCiphertext !== null && cipher.isStale(row.bankAccountCiphertext));

/**
 * Re-encrypts every supplier's TIN and bank account number still under a retired key with the
 * current one, and recomputes their fingerprints (duplicate detection compares them), one batch
 * of rows per transaction. Safe to run again: rows already under the current key are skipped.
 * Answers the number of suppliers re-encrypted.
 */
export async function reencryptSuppliers(db: Database, cipher: FieldCipher): Promise<number> {
  let after: string | null = null;
  let changed = 0;
  for (;;) {
    const batch: SupplierRow[] = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(suppliers)
        .where(after ? gt(suppliers.id, after) : undefined)
        .orderBy(asc(suppliers.id))
        .limit(BATCH)
        .for('update');
      for (const row of rows.filter((candidate) => isStale(cipher, candidate))) {
        await tx.update(suppliers).set(reencrypted(cipher, row)).where(eq(suppliers.id, row.id));
        changed++;
      }
      return rows;
    });
    if (batch.length < BATCH) return changed;
    after = batch.at(-1)!.id;
  }
}
