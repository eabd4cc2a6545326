/** `npm run migrate`: applies the platform's and every subgraph's migrations to DATABASE_URL (or the embedded database). */
import { dataPath, readEnvironment } from '@procuregraph/platform/config';
import { closeDatabaseClient, openDatabaseClient } from '@procuregraph/platform/db';
import { createServiceDatabase } from '@procuregraph/platform/db';
import { migratePlatform } from '@procuregraph/platform/db';
import { domainSubgraphNames } from '@procuregraph/schema';
import { domainModules } from './subgraph-modules.ts';

const environment = readEnvironment();
const client = await openDatabaseClient({
  url: environment.DATABASE_URL,
  pgliteDirectory: environment.DATABASE_URL ? undefined : dataPath(environment.DATA_DIR, 'pglite'),
});
try {
  await migratePlatform(client);
  console.log('platform: migrated');
  for (const name of domainSubgraphNames) {
    await createServiceDatabase(client, name).migrate(domainModules[name].migrationsFolder);
    console.log(`${name}: migrated`);
  }
} finally {
  await closeDatabaseClient(client);
}
