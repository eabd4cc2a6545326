/**
 * One subgraph as its own process against PostgreSQL (`npm run start:suppliers`, ...): it migrates
 * the platform's schema and its own (once, whatever the number of instances starting), serves on
 * its port, and runs its workers.
 */
import { readEnvironment } from '@procuregraph/platform/config';
import { openDatabaseClient, closeDatabaseClient } from '@procuregraph/platform/db/client';
import { createServiceDatabase } from '@procuregraph/platform/db/database';
import { startEventBus } from '@procuregraph/platform/events/bus';
import { startSubgraphServer } from '@procuregraph/platform/graphql/subgraph-server';
import { loadInternalSecret, loadVendorPlatformWebhookSecret } from '@procuregraph/platform/auth/keys';
import { loadFieldCipher } from '@procuregraph/platform/crypto/field-encryption';
import { startSubgraphWorkers } from '@procuregraph/platform/jobs/subgraph-workers';
import { createLogger } from '@procuregraph/platform/logging';
import { closeOnSignal } from '@procuregraph/platform/process/shutdown';
import { requireDeploymentSecrets } from '@procuregraph/platform/process/production-secrets';
import { defaultSubgraphPorts, subgraphNames, type SubgraphName } from '@procuregraph/schema/subgraphs';
import { migratePlatform } from '@procuregraph/platform/db/platform-schema';
import { createAuditLog } from '@procuregraph/platform/audit/audit-log';
import { startAuditRetention } from '@procuregraph/platform/audit/audit-retention';
import { domainModules, subgraphModules } from './subgraph-modules.ts';

const name = process.argv[2] as SubgraphName;
if (!subgraphNames.includes(name)) {
  console.error(`Usage: tsx runtime/subgraph-process.ts <${subgraphNames.join('|')}>`);
  process.exit(2);
}
const environment = readEnvironment();
requireDeploymentSecrets(['DATA_ENCRYPTION_KEY', 'INTERNAL_TOKEN_SECRET', 'VENDOR_PLATFORM_WEBHOOK_SECRET']);
if (!environment.DATABASE_URL) {
  console.error(`A subgraph run alone needs DATABASE_URL (PostgreSQL); \`npm start\` runs everything on the embedded database.`);
  process.exit(2);
}
const logger = createLogger(name);
const client = await openDatabaseClient({ url: environment.DATABASE_URL });
await migratePlatform(client);
const domain = name === 'operations' ? undefined : domainModules[name];
const database = createServiceDatabase(client, name);
if (domain) await database.migrate(domain.migrationsFolder);
const events = await startEventBus({ client, logger });
const cipher = loadFieldCipher({ dataDir: environment.DATA_DIR, keyFromEnvironment: process.env.DATA_ENCRYPTION_KEY, previousKeysFromEnvironment: process.env.DATA_ENCRYPTION_KEY_PREVIOUS });
const systems = {
  erpUrl: environment.ERP_URL,
  vendorPlatformUrl: environment.VENDOR_PLATFORM_URL,
  contractRepositoryUrl: environment.CONTRACT_REPOSITORY_URL,
  vendorPlatformWebhookSecret: loadVendorPlatformWebhookSecret(environment.DATA_DIR),
};
const server = await startSubgraphServer({
  definition: subgraphModules[name].definition({ db: database.db, client, events, cipher, systems, environment }),
  port: Number(process.env.PORT ?? defaultSubgraphPorts[name]),
  internalSecret: loadInternalSecret(environment.DATA_DIR),
  audit: createAuditLog(client),
  serveMetrics: true,
});
// Every instance may purge; an advisory lock lets one purge at a time.
const auditRetention = await startAuditRetention({ client, retentionDays: environment.AUDIT_RETENTION_DAYS, logger });
// Workers run in every instance: pg-boss hands each job to exactly one of them.
const workers = domain
  ? await startSubgraphWorkers(domain.registerWorkers, {
      service: name,
      client,
      db: createServiceDatabase(client, name, `${name}-worker`).db,
      cipher,
      logger: createLogger(`${name}-worker`),
      systems,
    })
  : undefined;
closeOnSignal(async () => {
  await auditRetention.close();
  await workers?.stop();
  await server.close();
  await events.close();
  await closeDatabaseClient(client);
}, logger);
