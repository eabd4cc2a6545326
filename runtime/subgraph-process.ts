/**
 * One subgraph as its own process against PostgreSQL (`npm run start:suppliers`, ...): it migrates
 * the platform's schema and its own (once, whatever the number of instances starting), serves on
 * its port, and runs its workers.
 */
import { readEnvironment } from '@procuregraph/platform/config';
import { openDatabaseClient, closeDatabaseClient } from '@procuregraph/platform/db';
import { createLogger } from '@procuregraph/platform/logging';
import { closeOnSignal, requireDeploymentSecrets } from '@procuregraph/platform/process';
import { startTracing } from '@procuregraph/platform/tracing';
import { backingSystemPolicies } from '@procuregraph/platform/resilience';
import { defaultSubgraphPorts, subgraphNames, type SubgraphName } from '@procuregraph/schema';
import {
  configuredBackingSystems,
  loadProcessKeys,
  migrateSchemas,
  serveSubgraph,
  startProcessServices,
  startWorkers,
  type SubgraphProcess,
} from './subgraph-assembly.ts';

const name = process.argv[2] as SubgraphName;
if (!subgraphNames.includes(name)) {
  console.error(`Usage: node dist/subgraph-process.js <${subgraphNames.join('|')}> (after npm run build)`);
  process.exit(2);
}
const environment = readEnvironment();
requireDeploymentSecrets(
  ['DATA_ENCRYPTION_KEY', 'INTERNAL_TOKEN_SECRET', 'VENDOR_PLATFORM_WEBHOOK_SECRET', 'ERP_WEBHOOK_SECRET'],
  environment,
);
if (!environment.DATABASE_URL) {
  console.error(`A subgraph run alone needs DATABASE_URL (PostgreSQL); \`npm start\` runs everything on the embedded database.`);
  process.exit(2);
}
const logger = createLogger(name);
const tracing = startTracing(environment, `procuregraph-${name}`);
const client = await openDatabaseClient({ url: environment.DATABASE_URL });
await migrateSchemas(client, [name]);
const keys = loadProcessKeys(environment);
const services = await startProcessServices(client, environment, logger);
const shared: SubgraphProcess = {
  client,
  environment,
  keys,
  systems: configuredBackingSystems(environment, keys),
  events: services.events,
  audit: services.audit,
  policies: backingSystemPolicies(environment.backingSystemTimeoutsMs),
};
const server = await serveSubgraph(name, shared, { port: environment.PORT ?? defaultSubgraphPorts[name], serveMetrics: true });
const workers = name === 'operations' ? undefined : await startWorkers(name, shared);
// Requests first, so no new work arrives while the workers finish the jobs in hand.
closeOnSignal(
  async () => {
    await server.close();
    await workers?.stop();
    await services.close();
    await closeDatabaseClient(client);
    await tracing.shutdown();
  },
  logger,
  environment.SHUTDOWN_DEADLINE_MS,
);
