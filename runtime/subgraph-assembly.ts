/**
 * How a process puts subgraphs together, the same whether it runs all of them (`npm start`, the
 * end-to-end tests, the benchmarks: runtime/procuregraph.ts) or one (runtime/subgraph-process.ts):
 * the schemas it migrates, what its subgraphs share, each subgraph's server and its workers.
 */
import { loadErpWebhookSecret, loadInternalSecret, loadVendorPlatformWebhookSecret } from '@procuregraph/platform/auth';
import { createAuditLog, type AuditLog, startAuditRetention } from '@procuregraph/platform/audit';
import { startReconciliationSchedule } from '@procuregraph/platform/reconciliation';
import type { BackingSystemEndpoints, Environment } from '@procuregraph/platform/config';
import { loadFieldCipher, type FieldCipher } from '@procuregraph/platform/crypto';
import { type DatabaseClient, createServiceDatabase, migratePlatform } from '@procuregraph/platform/db';
import { startEventBus, type EventBus } from '@procuregraph/platform/events';
import {
  startSubgraphServer,
  type RunningSubgraph,
  startSubgraphWorkers,
  type RunningWorkers,
  type SubgraphContext,
  type SubgraphDefinition,
} from '@procuregraph/platform/subgraph';
import { createLogger, type Logger } from '@procuregraph/platform/logging';
import type { BackingSystemPolicies } from '@procuregraph/platform/resilience';
import { receivesWebhooksOf, type DomainSubgraphName, type SubgraphName } from '@procuregraph/schema';
import { domainModules, subgraphModules } from './subgraph-modules.ts';

/** The keys a process works with: from the environment in production, generated under `DATA_DIR` otherwise. */
export interface ProcessKeys {
  readonly cipher: FieldCipher;
  readonly internalSecret: Uint8Array;
  readonly vendorPlatformWebhookSecret: string;
  readonly erpWebhookSecret: string;
}

/** The field cipher of TINs and bank account numbers (`DATA_ENCRYPTION_KEY`). */
export function loadCipher(environment: Environment): FieldCipher {
  return loadFieldCipher({
    dataDir: environment.DATA_DIR,
    keyFromEnvironment: environment.DATA_ENCRYPTION_KEY,
    previousKeysFromEnvironment: environment.DATA_ENCRYPTION_KEY_PREVIOUS,
  });
}

export function loadProcessKeys(environment: Environment): ProcessKeys {
  return {
    cipher: loadCipher(environment),
    internalSecret: loadInternalSecret(environment.DATA_DIR, environment.INTERNAL_TOKEN_SECRET),
    vendorPlatformWebhookSecret: loadVendorPlatformWebhookSecret(environment.DATA_DIR, environment.VENDOR_PLATFORM_WEBHOOK_SECRET),
    erpWebhookSecret: loadErpWebhookSecret(environment.DATA_DIR, environment.ERP_WEBHOOK_SECRET),
  };
}

/** Where each backing system answers, with the keys the vendor platform and the ERP sign what they push with. */
export function backingSystemEndpoints(
  urls: { erp: string; vendorPlatform: string; contractRepository: string },
  keys: Pick<ProcessKeys, 'vendorPlatformWebhookSecret' | 'erpWebhookSecret'>,
): BackingSystemEndpoints {
  return {
    erpUrl: urls.erp,
    vendorPlatformUrl: urls.vendorPlatform,
    contractRepositoryUrl: urls.contractRepository,
    vendorPlatformWebhookSecret: keys.vendorPlatformWebhookSecret,
    erpWebhookSecret: keys.erpWebhookSecret,
  };
}

/** The backing systems the environment names (`ERP_URL`, `VENDOR_PLATFORM_URL`, `CONTRACT_REPOSITORY_URL`). */
export function configuredBackingSystems(environment: Environment, keys: ProcessKeys): BackingSystemEndpoints {
  return backingSystemEndpoints(
    { erp: environment.ERP_URL, vendorPlatform: environment.VENDOR_PLATFORM_URL, contractRepository: environment.CONTRACT_REPOSITORY_URL },
    keys,
  );
}

/** The platform's schema and each named domain subgraph's own, once whatever the number of processes starting. */
export async function migrateSchemas(client: DatabaseClient, names: readonly SubgraphName[]): Promise<void> {
  await migratePlatform(client);
  for (const name of names) {
    if (name !== 'operations') await createServiceDatabase(client, name).migrate(domainModules[name].migrationsFolder);
  }
}

/** What every subgraph of a process shares. */
export interface SubgraphProcess {
  readonly client: DatabaseClient;
  readonly environment: Environment;
  readonly keys: ProcessKeys;
  readonly systems: BackingSystemEndpoints;
  /** The process's live domain events (subscriptions listen here). */
  readonly events: EventBus;
  readonly audit: AuditLog;
  /** One breaker per backing system for the whole process. */
  readonly policies: BackingSystemPolicies;
}

/** The event bus and the audit log (with its hourly purge) a process's subgraphs share. */
export async function startProcessServices(
  client: DatabaseClient,
  environment: Environment,
  logger: Logger,
): Promise<{ events: EventBus; audit: AuditLog; close(): Promise<void> }> {
  const events = await startEventBus({ client, logger });
  // Every process may purge; an advisory lock lets one purge at a time.
  const retention = await startAuditRetention({ client, retentionDays: environment.AUDIT_RETENTION_DAYS, logger }).catch(
    async (error: unknown) => {
      await events.close();
      throw error;
    },
  );
  const reconciliation = startReconciliationSchedule({ client, environment, logger });
  return {
    events,
    audit: createAuditLog(client),
    close: async () => {
      await reconciliation.close();
      await retention.close();
      await events.close();
    },
  };
}

export interface Listen {
  port: number;
  host?: string | undefined;
  /** Whether the subgraph serves `/metrics` itself (run alone; in one process the gateway does). */
  serveMetrics?: boolean;
}

/** The gateway forwards a system's webhooks only to the subgraphs schema/subgraphs.ts lists for it. */
function checkWebhookSystems(name: SubgraphName, definition: SubgraphDefinition<SubgraphContext>): void {
  const unlisted = (definition.webhooks ?? []).map(({ source }) => source.system).filter((system) => !receivesWebhooksOf(name, system));
  if (unlisted.length > 0)
    throw new Error(`Subgraph ${name} handles webhooks of ${unlisted.join(', ')}, which schema/subgraphs.ts does not list for it`);
}

/** One subgraph's GraphQL server, on its own schema of the shared database. */
export function serveSubgraph(name: SubgraphName, shared: SubgraphProcess, listen: Listen): Promise<RunningSubgraph> {
  const { client, environment, events, keys, systems, audit, policies } = shared;
  const definition = subgraphModules[name].definition({
    db: createServiceDatabase(client, name).db,
    client,
    events,
    cipher: keys.cipher,
    systems,
    environment,
    policies,
  });
  checkWebhookSystems(name, definition);
  return startSubgraphServer({
    definition,
    port: listen.port,
    host: listen.host,
    internalSecret: keys.internalSecret,
    audit,
    serveMetrics: listen.serveMetrics,
  });
}

/**
 * One domain subgraph's job handlers, outbox relay and background work. Workers run in every
 * instance: pg-boss hands each job to exactly one of them.
 */
export function startWorkers(name: DomainSubgraphName, shared: SubgraphProcess): Promise<RunningWorkers> {
  const { client, environment, keys, systems, policies } = shared;
  return startSubgraphWorkers(domainModules[name].registerWorkers, {
    service: name,
    client,
    db: createServiceDatabase(client, name, `${name}-worker`).db,
    systems,
    environment,
    policies,
    cipher: keys.cipher,
    logger: createLogger(`${name}-worker`),
  });
}
