/**
 * `npm run bench` (the record, about an hour once the large dataset exists),
 * `npm run bench -- --quick` (a few minutes, to check the apparatus; written under bench/.data/quick),
 * `npm run bench -- --large-reconciliation` (only the ERP reconciliation of the large dataset;
 * written to bench/.data/large-reconciliation.json) and `npm run bench -- --render` (RESULTS.md again from results.json). Starts Procuregraph as
 * separate processes on PostgreSQL, with its peers over the same subgraphs, measures every
 * figure of issue 7, and writes bench/results.json and bench/RESULTS.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { subgraphNames } from '@procuregraph/schema';
import { benchDataDir, databases, fullPlan, ports, quickPlan } from './config.ts';
import { loadCredentials, type Credentials } from './credentials.ts';
import { datasetSize, freshDefaultDatabase, largeDatabase } from './database.ts';
import { describeMachine } from './machine.ts';
import { residentNow, samplePeakResident, type WatchedProcess } from './memory.ts';
import {
  fetchVariations,
  operationBody,
  operationNames,
  supplier360Subject,
  variedBodies,
  type OperationName,
  type Variations,
} from './operations.ts';
import { loadAverage, stopAllServices } from './processes.ts';
import { renderLoadProfiles, renderResults } from './report.ts';
import type { BenchResults, SectionRecord } from './results.ts';
import { profileDuring, profileUnderLoad, type LoadProfile } from './scenarios/cpu-profile.ts';
import { measureMatching } from './scenarios/matching.ts';
import { measureOutboxRelay } from './scenarios/outbox-relay.ts';
import { measureOnboarding } from './scenarios/onboarding.ts';
import { measureReconciliation, type ReconciliationFigure } from './scenarios/reconciliation.ts';
import { explainSlowStatements, logSlowStatements } from './scenarios/slow-statements.ts';
import { countStatements } from './scenarios/sql-statements.ts';
import { measureSubscriptions } from './scenarios/subscriptions.ts';
import {
  measureErpPaymentRun,
  PAYMENT_RUN_PROCESSES,
  reissueClearedPayments,
  type ErpPaymentRunFigure,
} from './scenarios/erp-payment-run.ts';
import {
  measureThroughput,
  compareAnswers,
  type HttpTarget,
  type ThroughputCell,
  type ThroughputWorkload,
} from './scenarios/throughput.ts';
import { startPeerGateways, type PeerGateways } from './targets/peers.ts';
import { writeBenchSupergraph } from './targets/bench-supergraph.ts';
import {
  absentSystems,
  benchSubgraphUrls,
  startBackingSystems,
  startLargeErp,
  startProcuregraph,
  type ProcuregraphTarget,
} from './targets/procuregraph.ts';

const plan = process.argv.includes('--quick') ? quickPlan : fullPlan;
const PAGE_SIZE = 50;
/** The subgraphs whose workers compare the ERP's parts: suppliers, purchase orders, invoices and payments. */
const ERP_RECONCILERS = ['suppliers', 'procurement', 'invoicing'] as const;
const progress = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sections: SectionRecord[] = [];

/** Runs one section, recording the machine's load around it; a failure is recorded and the run goes on. */
async function section<T>(name: string, run: () => Promise<T>): Promise<T | null> {
  const record: SectionRecord = {
    name,
    startedAt: new Date().toISOString(),
    seconds: 0,
    loadAverageStart: await loadAverage(),
    loadAverageEnd: 0,
  };
  sections.push(record);
  progress(`${name} (load average ${record.loadAverageStart})`);
  const started = performance.now();
  try {
    return await run();
  } catch (error) {
    record.failure = (error as Error).stack ?? String(error);
    progress(`${name} FAILED: ${record.failure}`);
    return null;
  } finally {
    record.seconds = (performance.now() - started) / 1000;
    record.loadAverageEnd = await loadAverage();
  }
}

function httpTargets(
  product: ProcuregraphTarget,
  peers: PeerGateways | null,
  credentials: Credentials,
  uncached?: { graphqlUrl: string },
): HttpTarget[] {
  const all = operationNames;
  const targets: HttpTarget[] = [
    {
      key: 'procuregraph',
      label: 'Procuregraph gateway',
      url: product.graphqlUrl,
      headers: credentials.gatewayHeaders,
      operations: all,
      process: PROCUREGRAPH_GATEWAY,
    },
  ];
  if (uncached) {
    // What the entity cache brings: the operations with entity fetches (a page of suppliers has none).
    targets.push({
      key: 'procuregraphUncached',
      label: 'Procuregraph gateway, entity cache off',
      url: uncached.graphqlUrl,
      headers: credentials.gatewayHeaders,
      operations: ['supplier360', 'invoicesPage'],
      process: PROCUREGRAPH_GATEWAY_UNCACHED,
    });
  }
  if (!peers) return targets;
  targets.push(
    {
      key: 'apollo',
      label: peers.apollo.label,
      url: peers.apollo.graphqlUrl,
      headers: credentials.internalHeaders,
      operations: all,
      process: APOLLO_GATEWAY,
    },
    {
      key: 'hive',
      label: peers.hive.label,
      url: peers.hive.graphqlUrl,
      headers: credentials.internalHeaders,
      operations: all,
      process: HIVE_GATEWAY,
    },
    {
      key: 'hiveUndeduplicated',
      label: peers.hiveUndeduplicated.label,
      url: peers.hiveUndeduplicated.graphqlUrl,
      headers: credentials.internalHeaders,
      operations: all,
      process: HIVE_GATEWAY_UNDEDUPLICATED,
    },
    {
      key: 'hiveRust',
      label: peers.hiveRust.label,
      url: peers.hiveRust.graphqlUrl,
      headers: credentials.internalHeaders,
      operations: all,
      process: HIVE_GATEWAY_RUST,
    },
    {
      key: 'subgraph',
      label: 'suppliers subgraph, directly',
      url: product.subgraphUrls.suppliers,
      headers: credentials.internalHeaders,
      operations: ['suppliersPage'],
      process: 'subgraph suppliers',
    },
  );
  return targets;
}

const PROCUREGRAPH_GATEWAY = 'gateway (Procuregraph)';
const PROCUREGRAPH_GATEWAY_UNCACHED = 'gateway (Procuregraph, entity cache off)';
const APOLLO_GATEWAY = 'Apollo Gateway (stock)';
const HIVE_GATEWAY = 'Hive Gateway';
const HIVE_GATEWAY_UNDEDUPLICATED = 'Hive Gateway, deduplication off';
const HIVE_GATEWAY_RUST = 'Hive Gateway, Rust query planner';

function watched(product: ProcuregraphTarget, peers: PeerGateways | null, uncached?: { process: { pid: number } }): WatchedProcess[] {
  const own = [
    { name: PROCUREGRAPH_GATEWAY, pid: product.gateway.pid },
    ...(uncached ? [{ name: PROCUREGRAPH_GATEWAY_UNCACHED, pid: uncached.process.pid }] : []),
    ...subgraphNames.map((name) => ({ name: `subgraph ${name}`, pid: product.subgraphs[name].pid })),
  ];
  if (!peers) return own;
  return [
    ...own,
    { name: APOLLO_GATEWAY, pid: peers.apollo.process.pid },
    { name: HIVE_GATEWAY, pid: peers.hive.process.pid },
    { name: HIVE_GATEWAY_UNDEDUPLICATED, pid: peers.hiveUndeduplicated.process.pid },
    { name: HIVE_GATEWAY_RUST, pid: peers.hiveRust.process.pid },
  ];
}

/** What the gateway's entity cache counted (lookups by result, invalidations): its hit rate over the section. */
async function entityCacheCounters(graphqlUrl: string): Promise<string[]> {
  const metrics = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  return metrics.split('\n').filter((line) => line.startsWith('gateway_entity_cache_'));
}

/** The identical workload (one body per operation) and the varied one (bodies drawn from the dataset). */
async function workloads(
  targets: readonly HttpTarget[],
  processes: readonly WatchedProcess[],
  supplierId: string,
  graphqlUrl: string,
  credentials: Credentials,
): Promise<ThroughputWorkload[]> {
  const variations = await fetchVariations(graphqlUrl, await credentials.gatewayHeaders());
  const base = { targets, operations: operationNames, processes };
  return plan.workloads.map((shape) => ({
    ...base,
    shape,
    bodies: (operation: OperationName) =>
      shape === 'identical' ? [operationBody(operation, PAGE_SIZE, supplierId)] : variedBodies(operation, PAGE_SIZE, variations),
  }));
}

/** The concurrency issue 14's CPU goal is set at (the quick plan's only one as well). */
const CPU_GOAL_CLIENTS = 10;

/**
 * The cell of the missed CPU goal to profile: among the varied workload's cells at 10 clients,
 * the operation where Procuregraph's gateway spends the most CPU per request relative to the stock
 * Apollo Gateway's (the goal asks for at most half).
 */
function widestCpuGap(cells: readonly ThroughputCell[]): ThroughputCell | undefined {
  const varied = cells.filter((cell) => cell.workload === 'varied' && cell.connections === CPU_GOAL_CLIENTS);
  const ratio = (cell: ThroughputCell) => {
    const apollo = varied.find((peer) => peer.target === 'apollo' && peer.operation === cell.operation);
    const own = cell.cpuMsPerRequest?.[PROCUREGRAPH_GATEWAY];
    const stock = apollo?.cpuMsPerRequest?.[APOLLO_GATEWAY];
    return own !== undefined && stock ? own / stock : 0;
  };
  return varied.filter((cell) => cell.target === 'procuregraph').sort((a, b) => ratio(b) - ratio(a))[0];
}

/** Procuregraph's gateway profiled for twice a measurement's seconds while `connections` clients send it `operation`, varied. */
function profileGatewayVaried(
  product: ProcuregraphTarget,
  credentials: Credentials,
  variations: Variations,
  operation: OperationName,
  connections: number,
): Promise<LoadProfile> {
  const bodies = variedBodies(operation, PAGE_SIZE, variations);
  const request = { url: product.graphqlUrl, operation, bodies, headers: credentials.gatewayHeaders };
  return profileUnderLoad(product, 'gateway', request, connections, plan.loadSeconds * 2);
}

async function benchDefaultDataset(results: BenchResults, defaultUrl: string, credentials: Credentials): Promise<void> {
  const systems = await startBackingSystems(`http://127.0.0.1:${ports.gateway}`);
  const supergraph = writeBenchSupergraph(benchSubgraphUrls);
  const product = await startProcuregraph(defaultUrl, systems.urls, supergraph);
  const peers = await startPeerGateways(supergraph);
  const uncached = await product.startUncachedGateway();
  const supplierId = await supplier360Subject(defaultUrl);
  results.supplier360.default = supplierId;
  const targets = httpTargets(product, peers, credentials, uncached);
  const processes = watched(product, peers, uncached);

  await section('throughput, latency and CPU per request: Procuregraph, peers, subgraph', async () => {
    const shapes = await workloads(targets, processes, supplierId, product.graphqlUrl, credentials);
    const answerNotes = (await Promise.all(shapes.map((workload) => compareAnswers(workload)))).flat();
    const atRest = await residentNow(processes);
    const sampler = samplePeakResident(processes);
    const cells: ThroughputCell[] = [];
    for (const workload of shapes) cells.push(...(await measureThroughput(workload, plan, progress)));
    results.memory = { atRest, underLoad: await sampler.stop() };
    results.throughput = { pageSize: PAGE_SIZE, cells, answerNotes };
    results.entityCache = await entityCacheCounters(product.graphqlUrl);
  });
  results.statements = await section('SQL statements per operation', () =>
    countStatements(targets[0]!, product.metricsUrls, operationNames, [5, 50], supplierId),
  );
  results.matching = await section('matching throughput', () => measureMatching(defaultUrl, plan));
  results.outboxRelay = await section('outbox relay: a burst of events to jobs', () => measureOutboxRelay(defaultUrl, plan));
  results.onboarding = await section('onboarding latency', () =>
    measureOnboarding({ graphqlUrl: product.graphqlUrl, erpUrl: systems.urls.erp, headers: credentials.gatewayHeaders }, plan),
  );
  results.reconciliation = await section('reconciliation', () =>
    measureReconciliation({
      graphqlUrl: product.graphqlUrl,
      headers: credentials.gatewayHeaders,
      workers: ERP_RECONCILERS.map((name) => ({ name, pid: product.subgraphs[name].pid })),
    }),
  );
  const subscriptionSetup = {
    databaseUrl: defaultUrl,
    webSocketUrl: product.graphqlUrl.replace(/^http/, 'ws'),
    authorization: async () => (await credentials.gatewayHeaders()).authorization!,
    gatewayPid: () => product.gateway.pid,
    invoicingPid: product.subgraphs.invoicing.pid,
    metricsUrls: product.metricsUrls,
  };
  results.subscriptions = await section('subscriptions', () => measureSubscriptions(subscriptionSetup, plan, progress));
  const paymentRunSetup = {
    webSocketUrl: product.graphqlUrl.replace(/^http/, 'ws'),
    authorization: async () => (await credentials.gatewayHeaders()).authorization!,
    erpUrl: systems.urls.erp,
    processes: () => [...watched(product, null), ...systems.processes.map(({ name, pid }) => ({ name: `reference ${name}`, pid }))],
  };
  results.erpPaymentRun = await section('ERP payment run to subscriber message', () =>
    measureErpPaymentRun(paymentRunSetup, plan, progress),
  );
  const variations = await fetchVariations(product.graphqlUrl, await credentials.gatewayHeaders());
  const gap = results.throughput ? widestCpuGap(results.throughput.cells) : undefined;
  if (gap) {
    results.profile = await section('CPU profile of the gateway: varied workload', () =>
      profileGatewayVaried(product, credentials, variations, gap.operation, gap.connections),
    );
  }
  // Issue 14's goal for the subgraph called directly is set at one client.
  results.subgraphProfile = await section('CPU profile of the suppliers subgraph: pages of suppliers, one client', () =>
    profileUnderLoad(
      product,
      'suppliers',
      {
        url: product.subgraphUrls.suppliers,
        operation: 'suppliersPage',
        bodies: variedBodies('suppliersPage', PAGE_SIZE, variations),
        headers: credentials.internalHeaders,
      },
      1,
      plan.loadSeconds * 2,
    ),
  );
  const mostSubscribers = plan.subscriberCounts.at(-1)!;
  results.subscriptionProfile = await section(`CPU profile of the gateway: ${mostSubscribers} subscribers`, async () => {
    const { gateway } = await profileDuring(product, 'subscriptions', ['gateway'], () =>
      measureSubscriptions(subscriptionSetup, { ...plan, subscriberCounts: [mostSubscribers] }, progress),
    );
    return gateway;
  });
  // Last: the runs restart invoicing, whose process id the subscriptions scenario watches.
  results.erpPaymentRunProfile = await section('CPU profile through ERP payment runs', async () => {
    const measured = results.erpPaymentRun;
    if (!measured?.runs) throw new Error('No measured payment run to size the profiled one by');
    let issued = 0;
    let figure: ErpPaymentRunFigure | undefined;
    const profiles = await profileDuring(
      product,
      'erp-payment-run',
      PAYMENT_RUN_PROCESSES,
      async () => {
        figure = await measureErpPaymentRun(paymentRunSetup, plan, progress);
      },
      // A burst the size of a measured run's; the voids and new payments' events warm the restarted processes.
      async () => {
        issued = await reissueClearedPayments(systems.urls.erp, Math.ceil(measured.advanced / measured.runs));
      },
    );
    return { issued, figure: figure!, profiles };
  });
  await stopAllServices();
}

async function benchLargeDataset(results: BenchResults, largeUrl: string, credentials: Credentials): Promise<void> {
  // Chosen before the statement log starts, so the bench's own query is not among the slow ones.
  const supplierId = await supplier360Subject(largeUrl);
  results.supplier360.large = supplierId;
  const offset = await logSlowStatements(databases.largeName);
  const product = await startProcuregraph(largeUrl, absentSystems, writeBenchSupergraph(benchSubgraphUrls));
  try {
    const workload: ThroughputWorkload = {
      shape: 'identical',
      targets: httpTargets(product, null, credentials),
      operations: operationNames,
      bodies: (operation) => [operationBody(operation, PAGE_SIZE, supplierId)],
      processes: watched(product, null),
    };
    const cells = await measureThroughput(workload, plan, progress);
    await product.close();
    results.scale = { cells, slowStatements: await explainSlowStatements(databases.largeName, offset) };
  } finally {
    await stopAllServices();
  }
}

/**
 * One ERP reconciliation of the large dataset, against a reference ERP holding the same world: the
 * figure for bounded memory (the comparing subgraphs' peak resident memory on 100k suppliers and
 * 1M invoices), with the ERP's own memory apart. Repairs it makes stay in the reused database.
 */
async function reconcileLargeDataset(
  largeUrl: string,
  credentials: Credentials,
  erpStarting: () => ReturnType<typeof startLargeErp> = startLargeErp,
): Promise<ReconciliationFigure> {
  try {
    progress('starting the reference ERP with the large world');
    const erp = await erpStarting();
    const product = await startProcuregraph(largeUrl, { ...absentSystems, erp: erp.url }, writeBenchSupergraph(benchSubgraphUrls));
    return await measureReconciliation({
      graphqlUrl: product.graphqlUrl,
      headers: credentials.gatewayHeaders,
      workers: ERP_RECONCILERS.map((name) => ({ name, pid: product.subgraphs[name].pid })),
      system: { name: 'reference ERP', pid: erp.process.pid },
      progress,
    });
  } finally {
    await stopAllServices();
  }
}

/** `--large-reconciliation`: that scenario alone, seeding the large dataset first if it is absent; the record is left as it is. */
async function reconcileLargeDatasetOnly(): Promise<void> {
  // The ERP builds the large world in memory while the database is seeded from it: both are
  // CPU-bound for many minutes, and side by side they take the two cores instead of one.
  progress('starting the reference ERP with the large world while the database is seeded');
  const erp = startLargeErp();
  erp.catch(() => {}); // its failure is reported where it is awaited
  let largeUrl: string;
  try {
    largeUrl = (await largeDatabase(true))!;
  } catch (error) {
    await stopAllServices();
    throw error;
  }
  const figure = await reconcileLargeDataset(largeUrl, await loadCredentials(), () => erp);
  const file = join(benchDataDir, 'large-reconciliation.json');
  mkdirSync(benchDataDir, { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ finishedAt: new Date().toISOString(), loadAverage: await loadAverage(), ...figure }, null, 2)}\n`,
  );
  progress(`wrote ${file}: ${JSON.stringify(figure)}`);
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  progress(`${plan.mode} run`);
  const defaultUrl = await freshDefaultDatabase();
  // A quick run checks the apparatus in minutes: never the large dataset, even when it is seeded.
  const largeUrl = plan.mode === 'full' ? await largeDatabase(true) : null;
  const credentials = await loadCredentials();
  const results: BenchResults = {
    startedAt,
    finishedAt: '',
    plan,
    machine: describeMachine(),
    datasets: { default: await datasetSize(defaultUrl), large: largeUrl ? await datasetSize(largeUrl) : null },
    sections,
    supplier360: { default: '', large: null },
    throughput: null,
    memory: null,
    statements: null,
    subscriptions: null,
    erpPaymentRun: null,
    matching: null,
    onboarding: null,
    reconciliation: null,
    largeReconciliation: null,
    scale: largeUrl ? null : { skipped: `${databases.largeName} is not used (a quick run leaves the large dataset out)` },
    profile: null,
    operationsMeasured: operationNames,
  };
  try {
    await benchDefaultDataset(results, defaultUrl, credentials);
    if (largeUrl) {
      await section('scale: the large dataset', () => benchLargeDataset(results, largeUrl, credentials));
      results.largeReconciliation = await section('reconciliation of the large dataset', () =>
        reconcileLargeDataset(largeUrl, credentials),
      );
    }
  } finally {
    await stopAllServices();
  }
  results.finishedAt = new Date().toISOString();
  // A quick run checks the apparatus: it must not overwrite the recorded full run.
  const directory = plan.mode === 'quick' ? join(benchDataDir, 'quick') : join(repositoryRoot, 'bench');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(directory, 'RESULTS.md'), renderResults(results));
  progress(`wrote ${join(directory, 'RESULTS.md')} and results.json beside it`);
}

/** `--render`: rewrites bench/RESULTS.md from bench/results.json (after editing bench/FINDINGS.md), measuring nothing. */
function renderRecordedRun(): void {
  const directory = join(repositoryRoot, 'bench');
  const results = JSON.parse(readFileSync(join(directory, 'results.json'), 'utf8')) as BenchResults;
  writeFileSync(join(directory, 'RESULTS.md'), renderResults(results));
  progress('rewrote bench/RESULTS.md from bench/results.json');
}

/**
 * `--gateway-profiles`: Procuregraph's gateway profiled under the varied workload at 10 clients on
 * each operation in turn (the recorded run profiles only the one furthest from its CPU goal),
 * written to bench/.data/gateway-profiles.md and .json; the record is left as it is.
 */
async function profileEveryOperation(): Promise<void> {
  const defaultUrl = await freshDefaultDatabase();
  const credentials = await loadCredentials();
  try {
    const systems = await startBackingSystems(`http://127.0.0.1:${ports.gateway}`);
    const product = await startProcuregraph(defaultUrl, systems.urls, writeBenchSupergraph(benchSubgraphUrls));
    const variations = await fetchVariations(product.graphqlUrl, await credentials.gatewayHeaders());
    const profiles: LoadProfile[] = [];
    for (const operation of operationNames) {
      progress(`profiling the gateway: ${operation}, varied, ${CPU_GOAL_CLIENTS} clients`);
      profiles.push(await profileGatewayVaried(product, credentials, variations, operation, CPU_GOAL_CLIENTS));
    }
    mkdirSync(benchDataDir, { recursive: true });
    writeFileSync(join(benchDataDir, 'gateway-profiles.json'), `${JSON.stringify(profiles, null, 2)}\n`);
    writeFileSync(join(benchDataDir, 'gateway-profiles.md'), renderLoadProfiles(profiles));
    progress(`wrote ${join(benchDataDir, 'gateway-profiles.md')} and .json beside it`);
  } finally {
    await stopAllServices();
  }
}

process.on('SIGINT', () => void stopAllServices().then(() => process.exit(130)));
if (process.argv.includes('--render')) renderRecordedRun();
else if (process.argv.includes('--large-reconciliation')) await reconcileLargeDatasetOnly();
else if (process.argv.includes('--gateway-profiles')) await profileEveryOperation();
else await main();
