import {
  closeDatabaseClient,
  executeSql,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type ServiceDatabase,
} from '@procuregraph/platform/db';
import { useBusinessClock } from '@procuregraph/platform/business';
import type { EventBus } from '@procuregraph/platform/events';
import { type RunningSubgraph, type RunningWorkers } from '@procuregraph/platform/subgraph';
import { loadDevSigningKeys, createTokenVerifier, roles, signDevToken, type UserCaller } from '@procuregraph/platform/auth';
import { readEnvironment, type BackingSystemEndpoints } from '@procuregraph/platform/config';
import { backingSystemPolicies } from '@procuregraph/platform/resilience';
import { type World, createWorld } from '@procuregraph/demo';
import { startBackingSystems, type BackingSystemPorts } from './backing-systems.ts';
import { createLogger } from '@procuregraph/platform/logging';
import {
  startGateway,
  type RunningGateway,
  type SupergraphSource,
  type IntrospectionPolicy,
  entityCacheFrom,
  rateLimitsFrom,
  type RateLimitSettings,
  loadTrustedDocuments,
  type TrustedDocuments,
} from '@procuregraph/gateway';
import { domainSubgraphNames, subgraphNames, type DomainSubgraphName, type SubgraphName, supergraphPath } from '@procuregraph/schema';
import { seedDemoNetwork } from './demo-seed.ts';
import {
  backingSystemEndpoints,
  configuredBackingSystems,
  loadProcessKeys,
  migrateSchemas,
  serveSubgraph,
  startProcessServices,
  startWorkers,
  type ProcessKeys,
  type SubgraphProcess,
} from './subgraph-assembly.ts';

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
  /** How often the ERP's business-event feed is read for what its pushes missed; ERP_FEED_POLL_INTERVAL_MS unless given. */
  erpFeedPollIntervalMs?: number;
  /** Who may introspect the schema; INTROSPECTION unless given. */
  introspection?: IntrospectionPolicy;
  /** Origins whose browser pages may call the gateway; CORS_ORIGINS unless given. */
  corsOrigins?: readonly string[];
  /** Requests per caller and per address; RATE_LIMIT_* unless given. */
  rateLimits?: RateLimitSettings;
  /** Safelisting's operations; the TRUSTED_DOCUMENTS manifest unless given. */
  trustedDocuments?: TrustedDocuments;
  /** The time business events are stamped with (tests give known times); the system clock unless given. */
  businessClock?: () => Date;
  /**
   * An identity provider in place of the development tokens: the gateway verifies its tokens and
   * the console signs people in there (authorization code with PKCE), as the production gateway does.
   */
  identityProvider?: { issuer: string; jwksUrl: string; consoleClientId: string; consoleScope: string };
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
  const environment = {
    ...readEnvironment(),
    DATA_DIR: options.dataDir,
    ...(options.erpFeedPollIntervalMs === undefined ? {} : { ERP_FEED_POLL_INTERVAL_MS: options.erpFeedPollIntervalMs }),
  };
  useBusinessClock(options.businessClock ?? (() => new Date()));
  const client = await openDatabaseClient({ url: options.databaseUrl, pgliteDirectory: options.pgliteDirectory });
  const started: { close(): Promise<void> }[] = [];
  try {
    await migrateSchemas(client, domainSubgraphNames);
    const databases = Object.fromEntries(domainSubgraphNames.map((name) => [name, createServiceDatabase(client, name)])) as Record<
      DomainSubgraphName,
      ServiceDatabase
    >;
    const world = createWorld({ scale: 'default' });
    const keys = loadProcessKeys(environment);
    if (options.seed) await seedDemoNetwork(databases, world, keys.cipher, logger);

    const services = await startProcessServices(client, environment, logger);
    started.push(services);
    // The subgraphs' webhook handlers call the vendor platform, which posts its webhooks (as the
    // ERP pushes its business events) to the gateway: the systems start first and learn the
    // gateway's address once it listens.
    let gatewayUrl: string | undefined;
    const systems = options.backingSystems
      ? await startReferenceSystems(options, options.backingSystems, world, () => gatewayUrl, keys, started)
      : configuredBackingSystems(environment, keys);
    const shared: SubgraphProcess = {
      client,
      environment,
      keys,
      systems,
      events: services.events,
      audit: services.audit,
      policies: backingSystemPolicies(environment.backingSystemTimeoutsMs),
    };

    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    for (const name of subgraphNames) {
      subgraphs[name] = await serveSubgraph(name, shared, { port: options.ports[name], host: options.host });
      started.push(subgraphs[name]);
    }

    const devKeys = await loadDevSigningKeys(options.dataDir);
    const provider = options.identityProvider;
    const gatewayDatabase = createServiceDatabase(client, 'platform', 'gateway').db;
    const gateway = await startGateway({
      port: options.ports.gateway,
      host: options.host,
      supergraph: options.supergraph ?? { kind: 'file', path: supergraphPath },
      supergraphPollIntervalMs: options.supergraphPollIntervalMs,
      subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphs[name].graphqlUrl])),
      verifyToken: createTokenVerifier(
        provider ? { jwksUrl: provider.jwksUrl, issuer: provider.issuer } : { devPublicKey: devKeys.publicKey },
      ),
      internalSecret: keys.internalSecret,
      readinessChecks: [{ name: 'database', check: async () => void (await executeSql(client, 'select 1')) }],
      introspection: options.introspection ?? environment.INTROSPECTION,
      corsOrigins: options.corsOrigins ?? environment.CORS_ORIGINS,
      trustedProxies: environment.TRUSTED_PROXIES,
      rateLimits: options.rateLimits ?? rateLimitsFrom(environment),
      // On PostgreSQL other gateway instances may serve the same callers: they share the counters.
      rateLimitDatabase: options.databaseUrl ? gatewayDatabase : undefined,
      trustedDocuments:
        options.trustedDocuments ?? (environment.TRUSTED_DOCUMENTS ? loadTrustedDocuments(environment.TRUSTED_DOCUMENTS) : undefined),
      audit: services.audit,
      journeyDatabase: gatewayDatabase,
      entityCache: entityCacheFrom(environment, client),
      // The embedded default signs its own development tokens; a production deployment never offers this.
      consoleSignIn: provider
        ? { kind: 'oidc', issuer: provider.issuer, clientId: provider.consoleClientId, scope: provider.consoleScope }
        : environment.NODE_ENV === 'production'
          ? { kind: 'none' }
          : { kind: 'development', roles, issue: (caller) => signDevToken(devKeys, caller, '8h') },
    });
    started.push(gateway);
    gatewayUrl = gateway.url;

    const workers = {} as Record<DomainSubgraphName, RunningWorkers>;
    for (const name of domainSubgraphNames) {
      const running = await startWorkers(name, shared);
      workers[name] = running;
      started.push({ close: running.stop });
    }

    return {
      gateway,
      subgraphs,
      client,
      databases,
      events: services.events,
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

/** The reference ERP, vendor platform and contract repository, started beside the product. */
async function startReferenceSystems(
  options: ProcuregraphOptions,
  reference: NonNullable<ProcuregraphOptions['backingSystems']>,
  world: World,
  gatewayUrl: () => string | undefined,
  keys: ProcessKeys,
  started: { close(): Promise<void> }[],
): Promise<BackingSystemEndpoints> {
  const systems = await startBackingSystems({
    ports: reference.ports,
    host: options.host,
    storageDirectory: reference.storageDirectory,
    world,
    webhookUrl: () => gatewayUrl() && `${gatewayUrl()}/webhooks/vendor-platform`,
    webhookSecret: keys.vendorPlatformWebhookSecret,
    erpWebhookUrl: () => gatewayUrl() && `${gatewayUrl()}/webhooks/erp`,
    erpWebhookSecret: keys.erpWebhookSecret,
    webhookRetryDelaysMs: reference.webhookRetryDelaysMs,
  });
  started.push(systems);
  return backingSystemEndpoints(systems.urls, keys);
}
