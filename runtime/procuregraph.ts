import { closeDatabaseClient, executeSql, openDatabaseClient, type DatabaseClient } from '@procuregraph/platform/db/client';
import { createServiceDatabase, type ServiceDatabase } from '@procuregraph/platform/db/database';
import { startEventBus, type EventBus } from '@procuregraph/platform/events/bus';
import { startSubgraphServer, type RunningSubgraph } from '@procuregraph/platform/graphql/subgraph-server';
import { loadDevSigningKeys, loadInternalSecret, loadVendorPlatformWebhookSecret } from '@procuregraph/platform/auth/keys';
import { readEnvironment, type Environment } from '@procuregraph/platform/config';
import { startSubgraphWorkers, type BackingSystemEndpoints, type RunningWorkers } from '@procuregraph/platform/jobs/subgraph-workers';
import type { World } from '@procuregraph/demo/world';
import { startBackingSystems, type BackingSystemPorts } from './backing-systems.ts';
import { createTokenVerifier, signDevToken, type UserCaller } from '@procuregraph/platform/auth/tokens';
import { loadFieldCipher } from '@procuregraph/platform/crypto/field-encryption';
import { createLogger } from '@procuregraph/platform/logging';
import { startGateway, type RunningGateway } from '@procuregraph/gateway/server';
import type { SupergraphSource } from '@procuregraph/gateway/supergraph-source';
import type { IntrospectionPolicy } from '@procuregraph/gateway/schema-disclosure';
import { rateLimitsFrom, type RateLimitSettings } from '@procuregraph/gateway/rate-limit';
import { loadTrustedDocuments, type TrustedDocuments } from '@procuregraph/gateway/trusted-documents';
import { domainSubgraphNames, subgraphNames, type DomainSubgraphName, type SubgraphName } from '@procuregraph/schema/subgraphs';
import { migratePlatform } from '@procuregraph/platform/db/platform-schema';
import { createAuditLog } from '@procuregraph/platform/audit/audit-log';
import { startAuditRetention } from '@procuregraph/platform/audit/audit-retention';
import { supergraphPath } from '@procuregraph/schema/compose';
import { domainModules, subgraphModules } from './subgraph-modules.ts';
import { seedDemoNetwork } from './demo-seed.ts';
import { createWorld } from '@procuregraph/demo/generate';

export interface ProcuregraphOptions {
  /** PostgreSQL URL; without it, PGlite (in `pgliteDirectory`, or in memory when that is unset). */
  databaseUrl?: string | undefined;
  pgliteDirectory?: string | undefined;
  /** Where keys are kept (and generated at first start). */
  dataDir: string;
  /** 0 picks a free port (tests run side by side). */
  ports: { gateway: number } & Record<SubgraphName, number>;
  /** Load the demo health network into an empty database. */
  seed: boolean;
  host?: string;
  /**
   * The reference backing systems to start beside the product (ports, and where they keep their
   * data; in memory when unset). Without it the product talks to ERP_URL, VENDOR_PLATFORM_URL and
   * CONTRACT_REPOSITORY_URL.
   */
  backingSystems?: { ports: BackingSystemPorts; storageDirectory?: string; webhookRetryDelaysMs?: number[] };
  /** The checked-in supergraph unless given. */
  supergraph?: SupergraphSource;
  supergraphPollIntervalMs?: number;
  /** Who may introspect the schema; INTROSPECTION unless given. */
  introspection?: IntrospectionPolicy;
  /** Origins whose browser pages may call the gateway; CORS_ORIGINS unless given. */
  corsOrigins?: readonly string[];
  /** Requests per caller and per address; RATE_LIMIT_* unless given. */
  rateLimits?: RateLimitSettings;
  /** Safelisting's operations; the TRUSTED_DOCUMENTS manifest unless given. */
  trustedDocuments?: TrustedDocuments;
}

export interface RunningProcuregraph {
  readonly gateway: RunningGateway;
  readonly subgraphs: Readonly<Record<SubgraphName, RunningSubgraph>>;
  readonly client: DatabaseClient;
  readonly databases: Readonly<Record<DomainSubgraphName, ServiceDatabase>>;
  /** The process's live domain events (subscriptions listen here). */
  readonly events: EventBus;
  readonly systems: BackingSystemEndpoints;
  /** Each domain subgraph's job runtime, relay and background work. */
  readonly workers: Readonly<Record<DomainSubgraphName, RunningWorkers>>;
  /** A development token for a caller, valid against this instance. */
  tokenFor(caller: UserCaller): Promise<string>;
  close(): Promise<void>;
}

const logger = createLogger('procuregraph');

/**
 * Runs the whole product in one process: one database connection shared by the four subgraphs
 * (each in its own schema, migrated on start), their servers, and the gateway in front of them.
 * `npm start`, the end-to-end tests and the benchmarks all start it this way.
 */
export async function startProcuregraph(options: ProcuregraphOptions): Promise<RunningProcuregraph> {
  const client = await openDatabaseClient({ url: options.databaseUrl, pgliteDirectory: options.pgliteDirectory });
  const started: { close(): Promise<void> }[] = [];
  try {
    await migratePlatform(client);
    const databases = Object.fromEntries(domainSubgraphNames.map((name) => [name, createServiceDatabase(client, name)])) as Record<DomainSubgraphName, ServiceDatabase>;
    for (const name of domainSubgraphNames) await databases[name].migrate(domainModules[name].migrationsFolder);
    const world = createWorld({ scale: 'default' });
    const cipher = loadFieldCipher({ dataDir: options.dataDir, keyFromEnvironment: process.env.DATA_ENCRYPTION_KEY });
    if (options.seed) await seedDemoNetwork(databases, world, cipher, logger);

    const events = await startEventBus({ client, logger });
    started.push(events);
    const internalSecret = loadInternalSecret(options.dataDir);
    const environment = readEnvironment();
    // The subgraphs' webhook handlers call the vendor platform, which posts its webhooks to the
    // gateway: the platform starts first and learns the gateway's address once it listens.
    let webhookUrl: string | undefined;
    const systems = await backingSystemEndpoints(options, environment, world, () => webhookUrl, loadVendorPlatformWebhookSecret(options.dataDir), started);

    const audit = createAuditLog(client);
    started.push(await startAuditRetention({ client, retentionDays: environment.AUDIT_RETENTION_DAYS, logger }));
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    for (const name of subgraphNames) {
      subgraphs[name] = await startSubgraphServer({
        definition: subgraphModules[name].definition({ db: createServiceDatabase(client, name).db, client, events, cipher, systems, environment }),
        port: options.ports[name],
        host: options.host,
        internalSecret,
        audit,
      });
      started.push(subgraphs[name]);
    }

    const devKeys = await loadDevSigningKeys(options.dataDir);
    const gateway = await startGateway({
      port: options.ports.gateway,
      host: options.host,
      supergraph: options.supergraph ?? { kind: 'file', path: supergraphPath },
      supergraphPollIntervalMs: options.supergraphPollIntervalMs,
      subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphs[name].graphqlUrl])),
      verifyToken: createTokenVerifier({ devPublicKey: devKeys.publicKey }),
      internalSecret,
      readinessChecks: [{ name: 'database', check: async () => void (await executeSql(client, 'select 1')) }],
      introspection: options.introspection ?? environment.INTROSPECTION,
      corsOrigins: options.corsOrigins ?? environment.CORS_ORIGINS,
      trustedProxies: environment.TRUSTED_PROXIES,
      rateLimits: options.rateLimits ?? rateLimitsFrom(environment),
      // On PostgreSQL other gateway instances may serve the same callers: they share the counters.
      rateLimitDatabase: options.databaseUrl ? createServiceDatabase(client, 'platform', 'gateway').db : undefined,
      trustedDocuments: options.trustedDocuments ?? (environment.TRUSTED_DOCUMENTS ? loadTrustedDocuments(environment.TRUSTED_DOCUMENTS) : undefined),
      audit,
    });
    started.push(gateway);
    webhookUrl = `${gateway.url}/webhooks/vendor-platform`;

    const workers = {} as Record<DomainSubgraphName, RunningWorkers>;
    for (const name of domainSubgraphNames) {
      const running = await startSubgraphWorkers(domainModules[name].registerWorkers, {
        service: name,
        client,
        db: createServiceDatabase(client, name, `${name}-worker`).db,
        systems,
        cipher,
        logger: createLogger(`${name}-worker`),
      });
      workers[name] = running;
      started.push({ close: running.stop });
    }

    return {
      gateway,
      subgraphs,
      client,
      databases,
      events,
      systems,
      workers,
      tokenFor: (caller) => signDevToken(devKeys, caller),
      close: async () => {
        for (const service of started.reverse()) await service.close();
        await closeDatabaseClient(client);
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.close();
    await closeDatabaseClient(client);
    throw error;
  }
}

/** Starts the reference systems when asked to, or points at the configured ones. */
async function backingSystemEndpoints(
  options: ProcuregraphOptions,
  environment: Environment,
  world: World,
  webhookUrl: () => string | undefined,
  webhookSecret: string,
  started: { close(): Promise<void> }[],
): Promise<BackingSystemEndpoints> {
  if (!options.backingSystems) {
    return {
      erpUrl: environment.ERP_URL,
      vendorPlatformUrl: environment.VENDOR_PLATFORM_URL,
      contractRepositoryUrl: environment.CONTRACT_REPOSITORY_URL,
      vendorPlatformWebhookSecret: webhookSecret,
    };
  }
  const systems = await startBackingSystems({
    ports: options.backingSystems.ports,
    host: options.host,
    storageDirectory: options.backingSystems.storageDirectory,
    world,
    webhookUrl,
    webhookSecret,
    webhookRetryDelaysMs: options.backingSystems.webhookRetryDelaysMs,
  });
  started.push(systems);
  return {
    erpUrl: systems.urls.erp,
    vendorPlatformUrl: systems.urls.vendorPlatform,
    contractRepositoryUrl: systems.urls.contractRepository,
    vendorPlatformWebhookSecret: webhookSecret,
  };
}
