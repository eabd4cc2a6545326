import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadErpWebhookSecret, loadOrCreateSecret, loadVendorPlatformWebhookSecret } from '@procuregraph/platform/auth';
import { subgraphNames, type SubgraphName } from '@procuregraph/schema';
import { benchDataDir, ports } from '../config.ts';
import { startService, waitUntilServing, type ServiceProcess } from '../processes.ts';

export interface SystemUrls {
  erp: string;
  vendorPlatform: string;
  contractRepository: string;
}

/** The gateway or one subgraph: the processes the bench may restart under a profiler. */
export type ProcuregraphProcess = 'gateway' | SubgraphName;

/** Procuregraph as production runs it: each subgraph and the gateway its own process, on one PostgreSQL database. */
export interface ProcuregraphTarget {
  readonly graphqlUrl: string;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** Each subgraph's Prometheus endpoint (run apart, each process keeps its own registry). */
  readonly metricsUrls: Readonly<Record<SubgraphName, string>>;
  readonly gateway: ServiceProcess;
  readonly subgraphs: Readonly<Record<SubgraphName, ServiceProcess>>;
  stop(name: ProcuregraphProcess): Promise<void>;
  /** Starts a stopped process again, with extra Node options (the CPU profile) or none. */
  start(name: ProcuregraphProcess, nodeOptions: string[]): Promise<void>;
  /** A second gateway process beside the first, its entity cache off (`ENTITY_CACHE_MB=0`); stopped by close(). */
  startUncachedGateway(): Promise<{ graphqlUrl: string; process: ServiceProcess }>;
  close(): Promise<void>;
}

const localUrl = (port: number, path = '') => `http://127.0.0.1:${port}${path}`;

export function subgraphPort(name: SubgraphName): number {
  return ports.subgraphPortBase + subgraphNames.indexOf(name);
}

/** Where nothing listens: the large dataset runs without backing systems, so its feeds cannot import the default world's ERP records. */
export const absentSystems: SystemUrls = { erp: localUrl(4799), vendorPlatform: localUrl(4799), contractRepository: localUrl(4799) };

/**
 * The reference ERP, vendor platform and contract repository, each a process, starting from the
 * default demo world (their state lives in a directory wiped here, matching the fresh database).
 */
export async function startBackingSystems(gatewayUrl: string): Promise<{ urls: SystemUrls; processes: ServiceProcess[] }> {
  const systemsDataDir = join(benchDataDir, 'systems-run');
  rmSync(systemsDataDir, { recursive: true, force: true });
  const common = { DATA_DIR: systemsDataDir };
  // The ERP pushes its business events to the gateway as they happen, as the embedded default does.
  const erp = startService('erp', {
    script: 'dist/erp.js',
    env: {
      ...common,
      PORT: String(ports.erp),
      PROCUREGRAPH_ERP_WEBHOOK_URL: `${gatewayUrl}/webhooks/erp`,
      ERP_WEBHOOK_SECRET: loadErpWebhookSecret(benchDataDir),
    },
  });
  const vendorPlatform = startService('vendor-platform', {
    script: 'dist/vendor-platform.js',
    env: {
      ...common,
      PORT: String(ports.vendorPlatform),
      PROCUREGRAPH_WEBHOOK_URL: `${gatewayUrl}/webhooks/vendor-platform`,
      VENDOR_PLATFORM_WEBHOOK_SECRET: loadVendorPlatformWebhookSecret(benchDataDir),
    },
  });
  const contractRepository = startService('contract-repository', {
    script: 'dist/contract-repository.js',
    env: { ...common, PORT: String(ports.contractRepository) },
  });
  const urls = {
    erp: localUrl(ports.erp),
    vendorPlatform: localUrl(ports.vendorPlatform),
    contractRepository: localUrl(ports.contractRepository),
  };
  await waitUntilServing(erp, urls.erp);
  await waitUntilServing(vendorPlatform, urls.vendorPlatform);
  await waitUntilServing(contractRepository, urls.contractRepository);
  return { urls, processes: [erp, vendorPlatform, contractRepository] };
}

/** Generating the large world and loading it into the ERP takes minutes on the shared machine, longer beside the seed. */
const LARGE_ERP_START_MS = 75 * 60 * 1000;

/**
 * The reference ERP alone, holding the large world the large database was seeded from, for the
 * large dataset's reconciliation (the other systems stay absent: only the ERP is reconciled there).
 * Its heap may grow past Node's default limit: it keeps a million invoices in memory.
 */
export async function startLargeErp(): Promise<{ url: string; process: ServiceProcess }> {
  const erp = startService('erp-large', {
    script: 'bench/targets/large-erp-process.ts',
    env: { PORT: String(ports.erp) },
    nodeOptions: ['--max-old-space-size=8192'],
  });
  const url = localUrl(ports.erp);
  await waitUntilServing(erp, url, { timeoutMs: LARGE_ERP_START_MS });
  return { url, process: erp };
}

/** Where the bench runs each subgraph. */
export const benchSubgraphUrls = Object.fromEntries(
  subgraphNames.map((name) => [name, localUrl(subgraphPort(name), '/graphql')]),
) as Readonly<Record<SubgraphName, string>>;

/**
 * `supergraphPath` is the bench's copy of the supergraph, the one the peers serve too: the
 * gateway follows its file, and the checked-in one may be recomposed while the bench runs.
 */
export async function startProcuregraph(databaseUrl: string, systems: SystemUrls, supergraphPath: string): Promise<ProcuregraphTarget> {
  // On PostgreSQL the processes refuse to invent their secrets; the bench keeps its own under its data directory.
  const common = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: benchDataDir,
    DATA_ENCRYPTION_KEY: loadOrCreateSecret(benchDataDir, 'data-encryption.key', undefined),
    INTERNAL_TOKEN_SECRET: loadOrCreateSecret(benchDataDir, 'internal-token.secret', undefined),
    VENDOR_PLATFORM_WEBHOOK_SECRET: loadVendorPlatformWebhookSecret(benchDataDir, undefined),
    ERP_WEBHOOK_SECRET: loadErpWebhookSecret(benchDataDir),
    ERP_URL: systems.erp,
    VENDOR_PLATFORM_URL: systems.vendorPlatform,
    CONTRACT_REPOSITORY_URL: systems.contractRepository,
    // A nightly run falling due mid-bench would compete with what is measured, and takes the one
    // ERP run at a time the reconciliation scenario starts (2026-12-05: refused, RUN_IN_PROGRESS).
    RECONCILIATION_SCHEDULE: 'off',
  };
  const subgraphUrls = benchSubgraphUrls;
  const subgraphs = {} as Record<SubgraphName, ServiceProcess>;
  // One at a time: each migrates its schema on start, and they share the database.
  const launchSubgraph = async (name: SubgraphName, nodeOptions: string[]) => {
    subgraphs[name] = startService(name, {
      script: 'dist/subgraph-process.js',
      args: [name],
      env: { ...common, PORT: String(subgraphPort(name)) },
      nodeOptions,
    });
    await waitUntilServing(subgraphs[name], subgraphUrls[name]);
  };
  for (const name of subgraphNames) await launchSubgraph(name, []);
  const gatewayEnvironment = {
    ...common,
    PORT: String(ports.gateway),
    SUPERGRAPH_PATH: supergraphPath,
    // The load comes from one caller at one address, as fast as the gateway answers: rate limits
    // would measure themselves; the other gateways have none.
    RATE_LIMIT_PER_CALLER: '0',
    RATE_LIMIT_PER_ADDRESS: '0',
    ...Object.fromEntries(subgraphNames.map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, subgraphUrls[name]])),
  };
  const graphqlUrl = localUrl(ports.gateway, '/graphql');
  const launchGateway = async (nodeOptions: string[], name = 'gateway', port = ports.gateway, env: Record<string, string> = {}) => {
    const gateway = startService(name, {
      script: 'dist/gateway.js',
      env: { ...gatewayEnvironment, PORT: String(port), ...env },
      nodeOptions,
    });
    await waitUntilServing(gateway, localUrl(port, '/readyz'), { ready: true });
    return gateway;
  };
  let gateway = await launchGateway([]);
  let uncached: ServiceProcess | undefined;
  return {
    graphqlUrl,
    subgraphUrls,
    metricsUrls: Object.fromEntries(subgraphNames.map((name) => [name, localUrl(subgraphPort(name), '/metrics')])) as Record<
      SubgraphName,
      string
    >,
    subgraphs,
    get gateway() {
      return gateway;
    },
    stop: (name) => (name === 'gateway' ? gateway : subgraphs[name]).stop(),
    async start(name, nodeOptions) {
      if (name === 'gateway') gateway = await launchGateway(nodeOptions);
      else await launchSubgraph(name, nodeOptions);
    },
    async startUncachedGateway() {
      uncached = await launchGateway([], 'gateway-uncached', ports.gatewayUncached, { ENTITY_CACHE_MB: '0' });
      return { graphqlUrl: localUrl(ports.gatewayUncached, '/graphql'), process: uncached };
    },
    async close() {
      await uncached?.stop();
      await gateway.stop();
      for (const name of subgraphNames) await subgraphs[name].stop();
    },
  };
}
