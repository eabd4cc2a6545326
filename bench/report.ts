import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { subgraphNames } from '@procuregraph/schema';
import { operationLabels, type OperationName } from './operations.ts';
import type { BenchResults } from './results.ts';
import type { CpuProfileSummary, LoadProfile } from './scenarios/cpu-profile.ts';
import type { SubscriptionFigure } from './scenarios/subscriptions.ts';
import { PAYMENT_RUN_PROCESSES, type ErpPaymentRunFigure } from './scenarios/erp-payment-run.ts';
import type { ReconciliationFigure } from './scenarios/reconciliation.ts';
import { POSTGRES } from './cpu.ts';
import type { ThroughputCell, TargetKey, WorkloadShape } from './scenarios/throughput.ts';
import type { Spread } from './stats.ts';

const targetLabels: Readonly<Record<TargetKey, string>> = {
  procuregraph: 'Procuregraph gateway',
  procuregraphUncached: 'Procuregraph, entity cache off',
  apollo: 'Apollo Gateway (stock)',
  hive: 'Hive Gateway',
  hiveUndeduplicated: 'Hive Gateway, dedup. off',
  hiveRust: 'Hive Gateway, Rust planner',
  subgraph: 'suppliers subgraph, direct',
};

function number(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The median with the range over repeated runs; the range is left out when there was one run. */
function spread(value: Spread, digits = 0): string {
  return value.runs > 1
    ? `${number(value.median, digits)} (${number(value.min, digits)}–${number(value.max, digits)})`
    : number(value.median, digits);
}

function ratio(value: number, reference: number | undefined): string {
  return reference ? `${number(value / reference, 2)}×` : '–';
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** Results recorded before the varied workload existed measured only the identical one. */
function shapeOf(cell: ThroughputCell): WorkloadShape {
  return cell.workload ?? 'identical';
}

function cellsOf(cells: readonly ThroughputCell[], operation: OperationName, shape: WorkloadShape): ThroughputCell[] {
  return cells.filter((cell) => cell.operation === operation && shapeOf(cell) === shape);
}

function throughputTable(cells: readonly ThroughputCell[], operation: OperationName, shape: WorkloadShape): string {
  const forOperation = cellsOf(cells, operation, shape);
  const apollo = (connections: number) => forOperation.find((cell) => cell.target === 'apollo' && cell.connections === connections);
  const rows = forOperation
    .sort((a, b) => a.connections - b.connections)
    .map((cell) => {
      const reference = apollo(cell.connections);
      return [
        targetLabels[cell.target],
        String(cell.connections),
        spread(cell.rps),
        ratio(cell.rps.median, reference?.rps.median),
        spread(cell.p50, 1),
        ratio(cell.p50.median, reference?.p50.median),
        spread(cell.p99, 1),
        ratio(cell.p99.median, reference?.p99.median),
        String(cell.failures),
      ];
    });
  return table(['Served by', 'Clients', 'req/s', 'req/s ÷ Apollo', 'p50 ms', 'p50 ÷ Apollo', 'p99 ms', 'p99 ÷ Apollo', 'Failed'], rows);
}

const ownProcess: Readonly<Record<TargetKey, string>> = {
  procuregraph: 'gateway (Procuregraph)',
  procuregraphUncached: 'gateway (Procuregraph, entity cache off)',
  apollo: 'Apollo Gateway (stock)',
  hive: 'Hive Gateway',
  hiveUndeduplicated: 'Hive Gateway, deduplication off',
  hiveRust: 'Hive Gateway, Rust query planner',
  subgraph: 'subgraph suppliers',
};

/** CPU ms per request: the server measured (its own process), the subgraphs behind it, and PostgreSQL. */
function cpuTable(cells: readonly ThroughputCell[], operation: OperationName, shape: WorkloadShape): string {
  const forOperation = cellsOf(cells, operation, shape).filter((cell) => Object.keys(cell.cpuMsPerRequest ?? {}).length > 0);
  if (!forOperation.length) return '';
  const cpu = (cell: ThroughputCell, process: string) => cell.cpuMsPerRequest?.[process] ?? 0;
  const own = (cell: ThroughputCell) => cpu(cell, ownProcess[cell.target]);
  const subgraphs = (cell: ThroughputCell) => subgraphNames.reduce((sum, name) => sum + cpu(cell, `subgraph ${name}`), 0);
  const apollo = (connections: number) => forOperation.find((cell) => cell.target === 'apollo' && cell.connections === connections);
  const rows = forOperation
    .sort((a, b) => a.connections - b.connections)
    .map((cell) => {
      const reference = apollo(cell.connections);
      return [
        targetLabels[cell.target],
        String(cell.connections),
        number(own(cell), 2),
        reference && cell.target !== 'subgraph' ? ratio(own(cell), own(reference)) : '–',
        cell.target === 'subgraph' ? '–' : number(subgraphs(cell), 2),
        number(cpu(cell, POSTGRES), 2),
      ];
    });
  return `CPU ms per completed request (user + system time of each process over the measured window ÷ requests; the median over the repeats):

${table(['Served by', 'Clients', 'Own process', 'Own ÷ Apollo', 'Subgraphs', 'PostgreSQL'], rows)}
`;
}

function header(results: BenchResults): string {
  const { machine, datasets } = results;
  const size = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([name, count]) => `${number(count)} ${name}`)
      .join(', ');
  return `# Benchmark results

${results.plan.mode === 'quick' ? '**A quick run (apparatus check): one short run per figure, not a record.**\n\n' : ''}Run ${results.startedAt} → ${results.finishedAt} with \`npm run bench${results.plan.mode === 'quick' ? ' -- --quick' : ''}\`.

- Machine: ${machine.cpus} × ${machine.cpuModel}, ${number(machine.memoryGiB, 1)} GiB memory, ${machine.platform}, Node ${machine.node}, open-file limit ${machine.openFileLimit}; PostgreSQL 15 on the same machine.
- Default dataset: ${size(datasets.default)}.
- Large dataset: ${datasets.large ? size(datasets.large) : 'not measured in this run'}.
- Each load figure: ${results.plan.warmupSeconds} s warm-up, then ${results.plan.loadSeconds} s measured, repeated ${results.plan.repeats}×; tables give the median and, in brackets, the range over the repeats. Page size ${results.throughput?.pageSize ?? 50}.
`;
}

function sectionsTable(results: BenchResults): string {
  const rows = results.sections.map((record) => [
    record.name,
    record.startedAt.slice(11, 19),
    number(record.seconds),
    String(record.loadAverageStart),
    String(record.loadAverageEnd),
    record.failure ? `failed: ${record.failure.split('\n')[0]}` : 'ok',
  ]);
  return `## Load on the machine during the run

The machine is shared (2 cores): the 1-minute load average before and after each section says how much else was running.

${table(['Section', 'Started (UTC)', 'Seconds', 'Load avg. start', 'Load avg. end', 'Outcome'], rows)}
`;
}

function throughputSection(results: BenchResults): string {
  if (!results.throughput) return '## Gateway throughput and latency\n\nNot measured: the section failed (see the load table).\n';
  const notes = results.throughput.answerNotes.length
    ? `\nAnswers that differed from Procuregraph's before the load: ${results.throughput.answerNotes.join('; ')}.\n`
    : "\nBefore the load, every server answered each operation with exactly the same data as Procuregraph's gateway.\n";
  const cells = results.throughput.cells;
  const shapes = (['identical', 'varied'] as const).filter((shape) => cells.some((cell) => shapeOf(cell) === shape));
  const shapeTitles: Record<WorkloadShape, string> = {
    identical: 'Identical workload: every request alike',
    varied: 'Varied workload: each request a different supplier or page start, so in-flight sharing cannot help',
  };
  const tables = shapes
    .map(
      (shape) =>
        `### ${shapeTitles[shape]}\n\n` +
        results.operationsMeasured
          .map(
            (operation) =>
              `#### ${operationLabels[operation]}\n\n${throughputTable(cells, operation, shape)}\n\n${cpuTable(cells, operation, shape)}`,
          )
          .join('\n'),
    )
    .join('\n');
  return `## Gateway throughput, latency and CPU per request (default dataset)
${notes}
${tables}`;
}

function statementsSection(results: BenchResults): string {
  if (!results.statements) return '## SQL statements per operation\n\nNot measured: the section failed.\n';
  const rows = results.statements.map((count) => [
    operationLabels[count.operation],
    String(count.pageSize),
    ...subgraphNames.map((name) => number(count.bySubgraph[name], 1)),
    number(count.total, 1),
  ]);
  return `## SQL statements per operation

Statements per request through Procuregraph's gateway (\`db_queries_total{service}\` read from each subgraph's /metrics; one unmeasured request, then the least of three batches of 5, since background statements can only add), by subgraph, at pages of 5 and 50.

${table(['Operation', 'Page', ...subgraphNames, 'Total'], rows)}
`;
}

/**
 * Memory per subscriber as the slope between the smallest and the largest count measured: the
 * difference of two loaded states, so garbage left by earlier sections weighs less than in one
 * count's growth over its baseline.
 */
function marginalMemory(figures: readonly SubscriptionFigure[]): string {
  const measured = figures.filter((figure) => figure.listening > 0).sort((a, b) => a.listening - b.listening);
  const [fewest, most] = [measured[0], measured.at(-1)];
  if (!fewest || !most || fewest === most) return '';
  const slope = (resident: (figure: SubscriptionFigure) => number) =>
    number(((resident(most) - resident(fewest)) * 1024) / (most.listening - fewest.listening), 1);
  return `\nBetween ${number(fewest.listening)} and ${number(most.listening)} listening subscribers, each further subscriber cost the gateway ${slope((figure) => figure.gatewayResidentMiB)} KiB and the invoicing subgraph ${slope((figure) => figure.invoicingResidentMiB)} KiB of resident memory.\n`;
}

function subscriptionsSection(results: BenchResults): string {
  if (!results.subscriptions) return '## Subscriptions\n\nNot measured: the section failed.\n';
  const rows = results.subscriptions.map((figure) =>
    'failure' in figure
      ? [number(figure.subscribers), `failed: ${figure.failure}`, '', '', '', '', '', '', '']
      : [
          number(figure.subscribers),
          `${number(figure.connected)} / ${number(figure.listening)} / ${number(figure.receivedAll)}`,
          number(figure.deliveryP50, 1),
          number(figure.deliveryP99, 1),
          spread(figure.lastDelivery, 1),
          number(figure.gatewayKiBPerSubscriber, 1),
          number(figure.invoicingKiBPerSubscriber, 1),
          number(figure.gatewayResidentMiB),
          number(figure.statementsPerEvent),
        ],
  );
  return `## Subscriptions: \`paymentStatusChanged\` fan-out

Every subscriber is an admin on its own graphql-ws connection to Procuregraph's gateway, opened from a separate process. Latency runs from publishing the event (the NOTIFY the invoicing subgraph sends when its ERP feed applies a payment change, sent by the bench with the same topic and payload) to each client's receipt, over ${results.plan.subscriptionEvents} events per count. Memory per subscriber is the growth of resident memory from before the clients connected to when all were listening, divided by the subscribers listening.

${table(['Subscribers', 'Connected / listening / got every event', 'Delivery p50 ms', 'Delivery p99 ms', 'Publish → last delivery ms', 'Gateway growth KiB per subscriber', 'Invoicing growth KiB per subscriber', 'Gateway RSS MiB', 'SQL statements per event'], rows)}
${marginalMemory(results.subscriptions.filter((figure): figure is SubscriptionFigure => !('failure' in figure)))}`;
}

/** What a payment event cost each process over the runs, highest first, and the sum. */
function paymentRunCpu(figure: ErpPaymentRunFigure): string {
  if (!figure.cpuMsPerEvent) return '';
  const costs = Object.entries(figure.cpuMsPerEvent).sort((a, b) => b[1] - a[1]);
  const total = costs.reduce((sum, [, ms]) => sum + ms, 0);
  return `\n\nCPU per payment event, from the first run sent to the last message: ${costs.map(([name, ms]) => `${name} ${number(ms, 2)}`).join(', ')}; ${number(total, 1)} ms in all.`;
}

function paymentRunTable(figure: ErpPaymentRunFigure): string {
  return table(
    [
      'Runs',
      'Payments advanced / messages',
      'Run → message p50 ms',
      'Run → message p99 ms',
      'Run → first message p50 ms',
      'Run → ERP answered p50 ms',
    ],
    [
      [
        number(figure.runs),
        `${number(figure.advanced)} / ${number(figure.delivered)}`,
        number(figure.p50, 1),
        number(figure.p99, 1),
        number(figure.firstP50, 1),
        figure.erpAnsweredP50 === undefined ? '–' : number(figure.erpAnsweredP50, 1),
      ],
    ],
  );
}

function erpPaymentRunSection(results: BenchResults): string {
  if (results.erpPaymentRun === undefined) return '';
  const figure = results.erpPaymentRun;
  if (!figure) return '## ERP payment run → subscriber message\n\nNot measured: the section failed.\n';
  const relay = results.outboxRelay;
  const relayLine = relay
    ? `\n\nThe outbox relay alone (in the bench's process, on the same PostgreSQL, in a schema of its own): ${relay.eventsPerBatch} events committed together become jobs, journey steps and live notifications in one batch of ${spread(relay.batchMs, 1)} ms.`
    : '';
  return `## ERP payment run → subscriber message

One admin subscribed to every \`paymentStatusChanged\` on the gateway; the bench sends \`POST /admin/payment-run\` to the reference ERP (every open payment moves one step) and times each message from sending the run. The ERP pushes each business event, signed, to the gateway's \`/webhooks/erp\` as it records it; invoicing applies it (the same code as its feed) and publishes; the gateway delivers. The feed, read every 2 s, only catches up on what a push missed.

${paymentRunTable(figure)}${paymentRunCpu(figure)}${relayLine}`;
}

function workflowsSection(results: BenchResults): string {
  const matching = results.matching
    ? `- Matching: ${spread(results.matching.linesPerSecond)} invoice lines/s (${number(results.matching.lines)} lines on ${number(results.matching.invoices)} invoices, ${results.matching.concurrency} at a time, each reading its match context from the database, as intake does; outcomes not written).`
    : '- Matching: not measured (the section failed).';
  const onboarding = results.onboarding
    ? `- Onboarding, with the reference ERP answering ${results.onboarding.erpLatencyMs} ms late: onboardSupplier → ACTIVE ${spread(results.onboarding.onboardToActiveMs)} ms; approveSupplier → ACTIVE ${spread(results.onboarding.approveToActiveMs)} ms (${results.onboarding.suppliers} suppliers one after another; ACTIVE observed by polling the graph every 10 ms).`
    : '- Onboarding: not measured (the section failed).';
  const reconciliation = reconciliationLine('Reconciliation of the ERP, default dataset', results.reconciliation);
  const largeReconciliation = reconciliationLine('Reconciliation of the ERP, large dataset', results.largeReconciliation);
  return `## Matching and onboarding

${matching}
${onboarding}
${reconciliation}
${largeReconciliation}
`;
}

function residentList(peaks: Record<string, number>): string {
  return Object.entries(peaks)
    .map(([name, mib]) => `${name} ${number(mib)} MiB`)
    .join(', ');
}

function reconciliationLine(label: string, figure: ReconciliationFigure | null | undefined): string {
  if (!figure) return `- ${label}: not measured.`;
  const system = figure.systemPeakResidentMiB ? `; the reference ERP's own ${residentList(figure.systemPeakResidentMiB)}` : '';
  return `- ${label}: ${number(figure.recordsPerSecond)} records compared/s (${number(figure.recordsCompared)} records in ${number(figure.seconds, 1)} s, ${number(figure.findings)} findings); peak resident memory of the comparing subgraphs ${residentList(figure.peakResidentMiB)}${system}.`;
}

function scaleSection(results: BenchResults): string {
  const scale = results.scale;
  if (!scale) return '## Scale\n\nNot measured: the section failed.\n';
  if ('skipped' in scale) return `## Scale\n\nSkipped: ${scale.skipped}.\n`;
  const base = (cell: ThroughputCell) =>
    results.throughput?.cells.find(
      (other) =>
        other.target === 'procuregraph' &&
        shapeOf(other) === 'identical' &&
        other.operation === cell.operation &&
        other.connections === cell.connections,
    );
  const rows = scale.cells.map((cell) => {
    const small = base(cell);
    return [
      operationLabels[cell.operation],
      String(cell.connections),
      small ? number(small.rps.median) : '–',
      spread(cell.rps),
      small ? number(small.p50.median, 1) : '–',
      spread(cell.p50, 1),
      small ? number(small.p99.median, 1) : '–',
      spread(cell.p99, 1),
      String(cell.failures),
    ];
  });
  const statements = scale.slowStatements
    .map(
      (statement) =>
        `#### ${number(statement.executions)} runs, mean ${number(statement.meanMs, 1)} ms, max ${number(statement.maxMs, 1)} ms\n\n\`\`\`sql\n${statement.sql}\n\`\`\`\n\n<details><summary>EXPLAIN (ANALYZE, BUFFERS)</summary>\n\n\`\`\`\n${statement.plan}\n\`\`\`\n</details>\n`,
    )
    .join('\n');
  return `## Scale: default dataset against the large one

Procuregraph's gateway only, same operations and clients; the default columns repeat the figures above.

${table(['Operation', 'Clients', 'req/s default', 'req/s large', 'p50 ms default', 'p50 ms large', 'p99 ms default', 'p99 ms large', 'Failed'], rows)}

### Statements slower than 20 ms on the large dataset (by total time)

Logged by PostgreSQL (\`log_min_duration_statement\`, set on that database for the section) while the subgraphs started and served the load; the job queue's housekeeping is left out. Each was then run again under \`EXPLAIN (ANALYZE, BUFFERS)\` with the parameters it first ran with.

${statements || 'None.'}
`;
}

function memorySection(results: BenchResults): string {
  if (!results.memory) return '## Resident memory\n\nNot measured.\n';
  const { atRest, underLoad } = results.memory;
  const rows = Object.keys(atRest).map((name) => [name, number(atRest[name]!), number(underLoad[name] ?? 0)]);
  return `## Resident memory per process

At rest (started, before any load) and the peak sampled every 0.5 s through the throughput section.

${table(['Process', 'At rest MiB', 'Under load (peak) MiB'], rows)}
`;
}

function profileTables(profile: CpuProfileSummary): string {
  const entries = (list: { name: string; selfMs: number; share: number }[]) =>
    list.map((entry) => [`\`${entry.name}\``, number(entry.selfMs), `${number(entry.share * 100, 1)}%`]);
  return `By origin (self time):

${table(['Origin', 'Self ms', 'Share'], entries(profile.byPackage))}

By function (self time):

${table(['Function', 'Self ms', 'Share'], entries(profile.byFunction))}
`;
}

function profileSection(results: BenchResults): string {
  const profile = results.profile;
  if (!profile) return "## Where the gateway's time goes\n\nNo profile in this run.\n";
  return `## Where the gateway's time goes

\`--cpu-prof\` on Procuregraph's gateway while ${profile.connections} clients sent "${operationLabels[profile.operation as OperationName] ?? profile.operation}" for ${number(profile.seconds)} s, each request a different one of the varied workload (of the three operations at 10 clients, the one where its CPU per request is highest relative to the stock Apollo Gateway's: the goal it misses asks for half). ${number(profile.sampledMs)} ms of CPU-busy samples while the load ran (idle, start-up and shutdown excluded).

${profileTables(profile)}`;
}

/** `--gateway-profiles`' page: each operation's profile, as the recorded run renders its one. */
export function renderLoadProfiles(profiles: readonly LoadProfile[]): string {
  const sections = profiles.map(
    (profile) => `## ${operationLabels[profile.operation as OperationName] ?? profile.operation}

\`--cpu-prof\` on Procuregraph's gateway while ${profile.connections} clients sent it for ${number(profile.seconds)} s, each request a different one of the varied workload. ${number(profile.sampledMs)} ms of CPU-busy samples (idle excluded).

${profileTables(profile)}`,
  );
  return [`# The gateway's CPU on each operation\n`, ...sections].join('\n');
}

function subgraphProfileSection(results: BenchResults): string {
  const profile = results.subgraphProfile;
  if (!profile) return '';
  return `## Where the suppliers subgraph's time goes

\`--cpu-prof\` on the suppliers subgraph while ${profile.connections} client sent it "${operationLabels[profile.operation as OperationName] ?? profile.operation}" directly for ${number(profile.seconds)} s, each request a different one of the varied workload (issue 14's goal for the subgraph called directly is set at one client). ${number(profile.sampledMs)} ms of CPU-busy samples while the load ran (idle excluded).

${profileTables(profile)}`;
}

function paymentRunProfileSection(results: BenchResults): string {
  const run = results.erpPaymentRunProfile;
  if (!run) return '';
  const processes = PAYMENT_RUN_PROCESSES.map(
    (name) => `### ${name}

${number(run.profiles[name].sampledMs)} ms of CPU-busy samples over the ${number(run.profiles[name].seconds)} s of the runs (idle excluded).

${profileTables(run.profiles[name])}`,
  );
  return `## Where the time goes between the ERP's payment run and the subscriber

The ERP payment runs again, after the measured ones, with \`--cpu-prof\` on the processes its events pass through: the gateway (takes the ERP's webhooks, forwards them, delivers to the subscriber), invoicing (applies the payments' events, relays and resolves the subscription) and procurement (takes the ERP's webhooks too). To have payments to advance, as many of the newest cleared payments as a measured run advanced were voided, and their invoices paid again by manual payments (${number(run.issued)} issued), after the processes restarted under the profiler: those events warmed them, and are not in the profiles. The runs under the profiler, its own cost included:

${paymentRunTable(run.figure)}${paymentRunCpu(run.figure)}

${processes.join('\n')}`;
}

function subscriptionProfileSection(results: BenchResults): string {
  const profile = results.subscriptionProfile;
  if (!profile) return '';
  const most = results.plan.subscriberCounts.at(-1);
  return `## Where the gateway's time goes with ${most} subscribers

\`--cpu-prof\` on Procuregraph's gateway while ${most} subscribers connected, subscribed and received ${results.plan.subscriptionEvents} payment status changes (the subscriptions scenario again, once, ${number(profile.seconds)} s). ${number(profile.sampledMs)} ms of CPU-busy samples (idle excluded).

${profileTables(profile)}`;
}

/** The analysis written by hand from the recorded run: kept beside the apparatus, included as it is. */
function findings(): string {
  const path = join(repositoryRoot, 'bench', 'FINDINGS.md');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

const METHOD = `## How it was measured

- Procuregraph runs as production does: each subgraph (\`dist/subgraph-process.js\`) and the gateway (\`dist/gateway.js\`), compiled by \`npm run build\`, in its own Node process, on one PostgreSQL database, with the reference ERP, vendor platform and contract repository as three more processes. The stock Apollo Gateway (\`ApolloGateway\` + \`ApolloServer\` standalone, default settings) and Hive Gateway (\`createGatewayRuntime\`, default settings; and a second instance with \`deduplicateInflightRequests: false\`, since the load repeats one operation and Hive's default shares one subgraph answer among identical requests in flight; in runs whose tables list it, a third plans with Hive's Rust query planner runtime, \`@graphql-hive/router-runtime\`'s \`unifiedGraphHandler\`, otherwise with defaults) run in processes of their own over the same subgraphs; all three gateways serve one copy of the supergraph taken at the start of the run (subgraph URLs rewritten to where the bench runs them). The load generator (autocannon) runs in the bench's own process; the subscription clients in another.
- Procuregraph's gateway verifies an ES256 user JWT on every request and signs an HS256 internal token per subgraph request. The peers skip both: the bench sends them a ready-made internal token (\`x-procuregraph-caller\`, minted fresh per measurement) that they forward unchanged (Apollo through a \`RemoteGraphQLDataSource\`'s \`willSendRequest\`, Hive through \`propagateHeaders\`). The peers therefore do less work per request than Procuregraph's gateway does.
- requests/s counts the responses completed within the measured seconds; a row of zeros means no response came back in that window (the machine was saturated), not an error: errors and timeouts are in the Failed column.
- Everything, the load generator included, shares the same 2 cores, so a figure is what the whole system achieves on this machine, not a gateway alone.
`;

export function renderResults(results: BenchResults): string {
  return [
    header(results),
    findings(),
    METHOD,
    throughputSection(results),
    statementsSection(results),
    subscriptionsSection(results),
    erpPaymentRunSection(results),
    workflowsSection(results),
    scaleSection(results),
    memorySection(results),
    profileSection(results),
    subgraphProfileSection(results),
    subscriptionProfileSection(results),
    paymentRunProfileSection(results),
    sectionsTable(results),
  ]
    .filter(Boolean)
    .join('\n');
}
