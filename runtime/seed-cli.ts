/**
 * `npm run seed -- [--scale default|large] [--database-url URL]`: migrates every subgraph's schema
 * and loads the demo health network (the large one: 100k suppliers, 1M invoices, for benchmarks).
 * Without a URL it uses DATABASE_URL, else the embedded database. A database that already holds
 * the demo is left as it is.
 */
import { parseArgs } from 'node:util';
import { dataPath, readEnvironment } from '@procuregraph/platform/config';
import { closeDatabaseClient, openDatabaseClient, createServiceDatabase, type ServiceDatabase } from '@procuregraph/platform/db';
import { createLogger } from '@procuregraph/platform/logging';
import { createWorld } from '@procuregraph/demo';
import { domainSubgraphNames, type DomainSubgraphName } from '@procuregraph/schema';
import { seedDemoNetwork } from './demo-seed.ts';
import { loadCipher, migrateSchemas } from './subgraph-assembly.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'default' }, 'database-url': { type: 'string' } } });
if (values.scale !== 'default' && values.scale !== 'large') {
  console.error(`--scale must be default or large, not ${values.scale}`);
  process.exit(2);
}
const environment = readEnvironment();
const url = values['database-url'] ?? environment.DATABASE_URL;
const client = await openDatabaseClient({
  url,
  pgliteDirectory: url ? undefined : dataPath(environment.DATA_DIR, 'pglite'),
  maxConnections: 4,
});
try {
  await migrateSchemas(client, domainSubgraphNames);
  const databases = Object.fromEntries(domainSubgraphNames.map((name) => [name, createServiceDatabase(client, name)])) as Record<
    DomainSubgraphName,
    ServiceDatabase
  >;
  const outcome = await seedDemoNetwork(databases, createWorld({ scale: values.scale }), loadCipher(environment), createLogger('seed'));
  console.log(
    outcome === 'seeded' ? `Seeded the ${values.scale} demo network.` : 'The database already holds the demo network; nothing changed.',
  );
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDatabaseClient(client);
}
