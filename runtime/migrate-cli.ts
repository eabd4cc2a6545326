/** `npm run migrate`: applies every subgraph's migrations to DATABASE_URL (or the embedded database). */
import { dataPath, readEnvironment } from '@procuregraph/platform/config';
import { closeDatabaseClient, openDatabaseClient } from '@procuregraph/platform/db/client';
import { createServiceDatabase } from '@procuregraph/platform/db/database';
import { subgraphNames } from '@procuregraph/schema/subgraphs';
import { subgraphModules } from './subgraph-modules.ts';

const environment = readEnvironment();
const client = await openDatabaseClient({
  url: environment.DATABASE_URL,
  pgliteDirectory: environment.DATABASE_URL ? undefined : dataPath(environment.DATA_DIR, 'pglite'),
});
try {
  for (const name of subgraphNames) {
    await createServiceDatabase(client, name).migrate(subgraphModules[name].migrationsFolder);
    console.log(`${name}: migrated`);
  }
} finally {
  await closeDatabaseClient(client);
}
