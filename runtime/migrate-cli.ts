/** `npm run migrate`: applies the platform's and every subgraph's migrations to DATABASE_URL (or the embedded database). */
import { dataPath, readEnvironment } from '@procuregraph/platform/config';
import { closeDatabaseClient, openDatabaseClient } from '@procuregraph/platform/db';
import { domainSubgraphNames } from '@procuregraph/schema';
import { migrateSchemas } from './subgraph-assembly.ts';

const environment = readEnvironment();
const client = await openDatabaseClient({
  url: environment.DATABASE_URL,
  pgliteDirectory: environment.DATABASE_URL ? undefined : dataPath(environment.DATA_DIR, 'pglite'),
});
try {
  await migrateSchemas(client, domainSubgraphNames);
  console.log(`Migrated: platform, ${domainSubgraphNames.join(', ')}`);
} finally {
  await closeDatabaseClient(client);
}
