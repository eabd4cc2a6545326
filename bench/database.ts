import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { repositoryRoot } from '@procuregraph/platform/config';
import { closeDatabaseClient, executeSql, openDatabaseClient, type DatabaseClient } from '@procuregraph/platform/db';
import { benchDataDir, databases } from './config.ts';

/** Runs `use` with a connection to the PostgreSQL server's maintenance database. */
export async function withServer<T>(use: (client: DatabaseClient) => Promise<T>): Promise<T> {
  const client = await openDatabaseClient({ url: databases.server, maxConnections: 1 });
  try {
    return await use(client);
  } finally {
    await closeDatabaseClient(client);
  }
}

/** Runs the product's own seed command (migrations, then the demo network at that scale). */
async function seed(name: string, scale: 'default' | 'large'): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'runtime/seed-cli.ts', '--scale', scale, '--database-url', databases.url(name)],
    {
      cwd: repositoryRoot,
      env: { ...process.env, DATA_DIR: benchDataDir, LOG_LEVEL: 'warn' },
      stdio: 'inherit',
    },
  );
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`Seeding ${name} (${scale}) failed with exit code ${code}`);
}

/** Drops and recreates the default dataset, so every run starts from the same demo network. */
export async function freshDefaultDatabase(): Promise<string> {
  await withServer(async (server) => {
    await executeSql(server, `drop database if exists ${databases.defaultName} with (force)`);
    await executeSql(server, `create database ${databases.defaultName}`);
  });
  await seed(databases.defaultName, 'default');
  return databases.url(databases.defaultName);
}

/** Whether the large dataset has been seeded completely (the seed runs in one go per subgraph; invoices are last to fill). */
async function largeDatasetComplete(): Promise<boolean> {
  const exists = await withServer(
    async (server) => (await executeSql(server, `select 1 from pg_database where datname = $1`, [databases.largeName])).length > 0,
  );
  if (!exists) return false;
  const client = await openDatabaseClient({ url: databases.url(databases.largeName), maxConnections: 1 });
  try {
    const [row] = await executeSql<{ suppliers: number; invoices: number }>(
      client,
      `select (select count(*) from suppliers.suppliers)::int as suppliers, (select count(*) from invoicing.invoices)::int as invoices`,
    );
    return row!.suppliers >= 100_000 && row!.invoices >= 1_000_000;
  } catch {
    return false;
  } finally {
    await closeDatabaseClient(client);
  }
}

/**
 * The large dataset (100k suppliers, 1M invoices), seeded once (about ten minutes) and reused.
 * Null when it is absent and `seedWhenAbsent` is false (a quick run does not wait for it).
 */
export async function largeDatabase(seedWhenAbsent: boolean): Promise<string | null> {
  if (await largeDatasetComplete()) return databases.url(databases.largeName);
  if (!seedWhenAbsent) return null;
  await withServer(async (server) => {
    await executeSql(server, `drop database if exists ${databases.largeName} with (force)`);
    await executeSql(server, `create database ${databases.largeName}`);
  });
  await seed(databases.largeName, 'large');
  // As autovacuum would in time: the planner's statistics and the visibility map for index-only scans.
  const client = await openDatabaseClient({ url: databases.url(databases.largeName), maxConnections: 1 });
  try {
    await executeSql(client, 'vacuum analyze');
  } finally {
    await closeDatabaseClient(client);
  }
  return databases.url(databases.largeName);
}

/** A size of the dataset for the report: rows per main table. */
export async function datasetSize(url: string): Promise<Record<string, number>> {
  const client = await openDatabaseClient({ url, maxConnections: 1 });
  try {
    const [row] = await executeSql<Record<string, number>>(
      client,
      `select (select count(*) from suppliers.suppliers)::int as suppliers,
              (select count(*) from procurement.purchase_orders)::int as "purchaseOrders",
              (select count(*) from invoicing.invoices)::int as invoices,
              (select count(*) from invoicing.payments)::int as payments,
              (select count(*) from contracts.contracts)::int as contracts`,
    );
    return row!;
  } finally {
    await closeDatabaseClient(client);
  }
}
