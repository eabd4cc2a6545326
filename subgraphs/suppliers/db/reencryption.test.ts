import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabaseClient,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Database,
} from '@procuregraph/platform/db';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { migrationsFolder } from '../service.ts';
import { onboardSupplier } from '../onboarding/onboard.ts';
import { validInput } from '../onboarding/test-registrations.ts';
import { createExclusionScreening } from '../screening/exclusion-screening.ts';
import { bankAccountFingerprint } from '../supplier/identifiers.ts';
import { reencryptSuppliers } from './reencryption.ts';
import { suppliers } from './tables.ts';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
let client: DatabaseClient;
let db: Database;

beforeAll(async () => {
  // The embedded database: the rotation's SQL is plain selects and updates by id.
  client = await openDatabaseClient({});
  const service = createServiceDatabase(client, 'suppliers');
  await service.migrate(migrationsFolder);
  db = service.db;
});

afterAll(async () => {
  await closeDatabaseClient(client);
});

describe('rotating the data encryption key', () => {
  it('re-encrypts TINs and account numbers under the new key, with fingerprints duplicate detection still finds', async () => {
    const before = createFieldCipher(oldKey);
    const onboarded = await onboardSupplier(
      { db, cipher: before, screening: createExclusionScreening(undefined) },
      { input: validInput() },
    );
    expect(onboarded.userErrors).toEqual([]);
    const id = onboarded.supplier!.id;

    const rotating = createFieldCipher(newKey, [oldKey]);
    expect(await reencryptSuppliers(db, rotating)).toBe(1);
    const [row] = await db.select().from(suppliers).where(eq(suppliers.id, id));
    const after = createFieldCipher(newKey);
    expect(row!.taxIdCiphertext.split('.').slice(0, 2)).toEqual(['v2', after.keyId]);
    expect(after.decrypt(row!.taxIdCiphertext)).toBe('311234567');
    expect(after.decrypt(row!.bankAccountCiphertext!)).toBe('4410029931');
    expect(row!.taxIdFingerprint).toBe(after.fingerprint('311234567'));
    expect(row!.bankAccountFingerprint).toBe(bankAccountFingerprint(after, '011000015', '4410029931'));

    expect(await reencryptSuppliers(db, rotating)).toBe(0);
    const again = await onboardSupplier({ db, cipher: after, screening: createExclusionScreening(undefined) }, { input: validInput() });
    expect(again.userErrors.map((error) => error.code)).toEqual(['DUPLICATE_SUPPLIER']);
  });
});
