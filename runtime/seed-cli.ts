/**
 * `npm run seed -- [--scale default|large] [--database-url URL]`: migrates every subgraph's schema
 * and loads the demo health network (the large one: 100k suppliers, 1M invoices, for benchmarks).
 * Without a URL it uses DATABASE_URL, else the embedded database. A database that already holds
 * the demo is left as it is.
 */
import { parseArgs } from 'node:util';
import { dataPath, readEnvironment } from '@procuregraph/platform/config';
import { loadFieldCipher } from '@procuregraph/platform/crypto/field-encryption';
import { closeDatabaseClient, openDatabaseClient } from '@procuregraph/platform/db/client';
import { createServiceDatabase, type ServiceDatabase } from '@procuregraph/platform/db/database';
import { createLogger } from '@procuregraph/platform/logging';
import { createWorld } from '@procuregraph/demo/generate';
import { domainSubgraphNames, type DomainSubgraphName } from '@procuregraph/schema/subgraphs';
import { seedDemoNetwork } from './demo-seed.ts';
import { domainModules } from './subgraph-modules.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'default' }, 'database-url': { type: 'string' } } });
if (values.scale !== 'default' && values.scale !== 'large') {
  console.error(`--scale must be default or large, not ${values.scale}`);
  process.exit(2);
}
const environment = readEnvironment();
const url = values['database-url'] ?? environment.DATABASE_URL;
const client = await openDatabaseClient({ url, pgliteDirectory: url ? undefined : dataPath(environment.DATA_DIR, 'pglite'), maxConnections: 4 });
try {
  const databases = {} as Record<DomainSubgraphName, ServiceDatabase>;
  for (const name of domainSubgraphNames) {
    databases[name] = createServiceDatabase(client, name);
    await databases[name].migrate(domainModules[name].migrationsFolder);
  }
  const cipher = loadFieldCipher({ dataDir: environment.DATA_DIR, keyFromEnvironment: process.env.DATA_ENCRYPTION_KEY, previousKeysFromEnvironment: process.env.DATA_ENCRYPTION_KEY_PREVIOUS });
  const outcome = await seedDemoNetwork(databases, createWorld({ scale: values.scale }), cipher, createLogger('seed'));
  console.log(outcome === 'seeded' ? `Seeded the ${values.scale} demo network.` : 'The database already holds the demo network; nothing changed.');
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDatabaseClient(client);
}
