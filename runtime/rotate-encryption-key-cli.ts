/**
 * `npm run rotate-encryption-key`: after DATA_ENCRYPTION_KEY is set to a new key and the old one
 * moved to DATA_ENCRYPTION_KEY_PREVIOUS, re-encrypts every stored secret (suppliers' TINs and bank
 * account numbers) with the new key and recomputes their fingerprints. Once it reports done, the
 * old key may be removed from DATA_ENCRYPTION_KEY_PREVIOUS. Safe to run again.
 */
import { dataPath, readEnvironment } from '@procuregraph/platform/config';
import { closeDatabaseClient, openDatabaseClient, createServiceDatabase } from '@procuregraph/platform/db';
import { reencryptSuppliers } from '@procuregraph/suppliers';
import { loadCipher } from './subgraph-assembly.ts';

const environment = readEnvironment();
const client = await openDatabaseClient({
  url: environment.DATABASE_URL,
  pgliteDirectory: environment.DATABASE_URL ? undefined : dataPath(environment.DATA_DIR, 'pglite'),
  maxConnections: 2,
});
try {
  const cipher = loadCipher(environment);
  const count = await reencryptSuppliers(createServiceDatabase(client, 'suppliers').db, cipher);
  console.log(`Re-encrypted ${count} suppliers with key ${cipher.keyId}.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDatabaseClient(client);
}
