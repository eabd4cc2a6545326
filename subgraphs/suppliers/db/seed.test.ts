import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabaseClient,
  executeSql,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type ServiceDatabase,
} from '@procuregraph/platform/db';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { createWorld, type DemoSupplier } from '@procuregraph/demo';
import { legalNameKey } from '../supplier/legal-name.ts';
import { seedSuppliers, suppliersSeeded } from './seed.ts';

const world = createWorld({ scale: 'default' });
const demoSuppliers: DemoSupplier[] = [...world.suppliers()];
const cipher = createFieldCipher(randomBytes(32));
let client: DatabaseClient;
let service: ServiceDatabase;
let written: number;

beforeAll(async () => {
  client = await openDatabaseClient({});
  service = createServiceDatabase(client, 'suppliers');
  await service.migrate(join(dirname(fileURLToPath(import.meta.url)), 'migrations'));
  expect(await suppliersSeeded(service.db)).toBe(false);
  written = await seedSuppliers(service.db, world, cipher);
});

afterAll(async () => {
  await closeDatabaseClient(client);
});

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await executeSql<{ count: string }>(client, `select count(*) as count from suppliers.${table} where ${where}`);
  return Number(row!.count);
}

describe('the suppliers seed', () => {
  it('writes every supplier with its certificates, cross-references, sync state and holds', async () => {
    const certificates = demoSuppliers.reduce((total, supplier) => total + supplier.insuranceCertificates.length, 0);
    const inErp = demoSuppliers.filter((supplier) => supplier.erp !== null).length;
    const onHold = demoSuppliers.filter((supplier) => supplier.status === 'ON_HOLD').length;
    expect(onHold).toBeGreaterThan(0);
    expect(await count('supplier_holds', "reason = 'INSURANCE_EXPIRED'")).toBe(onHold);
    expect(await count('suppliers', "status = 'ON_HOLD' and status_before_hold = 'ACTIVE'")).toBe(onHold);
    expect(await count('suppliers')).toBe(world.counts.suppliers);
    expect(await count('insurance_certificates')).toBe(certificates);
    expect(await count('external_references', "system = 'VENDOR_PLATFORM'")).toBe(world.counts.suppliers);
    expect(await count('external_references', "system = 'ERP'")).toBe(inErp);
    expect(await count('sync_status', "state = 'SYNCED' and synced_at is not null")).toBe(world.counts.suppliers + inErp);
    expect(await count('suppliers', 'last_synced_at is null')).toBe(0);
    expect(written).toBe(world.counts.suppliers + onHold + certificates + 2 * (world.counts.suppliers + inErp));
    expect(await suppliersSeeded(service.db)).toBe(true);
  });

  it('keeps the ERP supplier id as the ERP cross-reference', async () => {
    const supplier = demoSuppliers.find((candidate) => candidate.erp !== null)!;
    const rows = await executeSql<{ external_id: string }>(
      client,
      "select external_id from suppliers.external_references where supplier_id = $1 and system = 'ERP'",
      [supplier.id],
    );
    expect(rows).toEqual([{ external_id: String(supplier.erp!.supplierId) }]);
  });

  it('stores no plain TIN or account number, only ciphertexts, last four digits and a fingerprint', async () => {
    const rows = await executeSql<{
      id: string;
      row: string;
      tax_id_ciphertext: string;
      tax_id_fingerprint: string;
      bank_account_ciphertext: string;
      tax_id_last4: string;
      legal_name_key: string;
    }>(
      client,
      'select s.id, s::text as row, tax_id_ciphertext, tax_id_fingerprint, bank_account_ciphertext, tax_id_last4, legal_name_key from suppliers.suppliers s',
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const supplier of demoSuppliers) {
      const row = byId.get(supplier.id)!;
      const digits = supplier.taxId.replace('-', '');
      expect(row.row).not.toContain(supplier.taxId);
      expect(row.row).not.toContain(digits);
      expect(row.row).not.toContain(supplier.bankAccount.accountNumber);
      expect(cipher.decrypt(row.tax_id_ciphertext)).toBe(digits);
      expect(cipher.decrypt(row.bank_account_ciphertext)).toBe(supplier.bankAccount.accountNumber);
      expect(row.tax_id_fingerprint).toBe(cipher.fingerprint(digits));
      expect(row.tax_id_last4).toBe(digits.slice(-4));
      expect(row.legal_name_key).toBe(legalNameKey(supplier.legalName));
    }
  });
});
