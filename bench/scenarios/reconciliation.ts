import { residentNow, samplePeakResident, type WatchedProcess } from '../memory.ts';

export interface ReconciliationFigure {
  system: 'ERP';
  recordsCompared: number;
  findings: number;
  seconds: number;
  recordsPerSecond: number;
  /** Peak resident memory of each process comparing (the subgraphs whose workers run the parts), MiB. */
  peakResidentMiB: Record<string, number>;
  /** Peak resident memory of the reference ERP answering the pages, MiB; absent when the bench did not watch it. */
  systemPeakResidentMiB?: Record<string, number>;
}

export interface ReconciliationSetup {
  readonly graphqlUrl: string;
  readonly headers: () => Promise<Record<string, string>>;
  /** The processes whose workers compare the ERP: suppliers, procurement and invoicing. */
  readonly workers: readonly WatchedProcess[];
  /** The reference ERP's process, watched apart: its memory holds the whole world, whatever the paging. */
  readonly system?: WatchedProcess;
  /**
   * Told the records compared and canonical records checked so far, each part's phase and each
   * watched process's resident memory every PROGRESS_MS, so a long run shows it is moving.
   */
  readonly progress?: (line: string) => void;
}

const POLL_MS = 500;
const TIMEOUT_MS = 60 * 60 * 1000;
const PROGRESS_MS = 30_000;

/** An operation's source, carrying the shape of its data so `graphql` returns it typed. */
type Operation<Data> = string & { readonly data?: Data };

interface RunState {
  state: 'RUNNING' | 'COMPLETED' | 'FAILED';
  startedAt: string;
  finishedAt: string | null;
  recordsCompared: number;
  canonicalRecordsChecked: number;
  parts: { service: string; phase: string }[];
  findingsCount: number;
}

const START: Operation<{ startReconciliation: { run: { id: string } | null; userErrors: { code: string; message: string }[] } }> =
  `mutation BenchStartReconciliation { startReconciliation(system: ERP) { run { id } userErrors { code message } } }`;
const RUN: Operation<{ reconciliationRun: RunState | null }> =
  `query BenchReconciliationRun($id: ID!) { reconciliationRun(id: $id) { state startedAt finishedAt recordsCompared canonicalRecordsChecked parts { service phase } findingsCount } }`;

async function graphql<Data>(setup: ReconciliationSetup, query: Operation<Data>, variables: Record<string, unknown> = {}): Promise<Data> {
  const response = await fetch(setup.graphqlUrl, {
    method: 'POST',
    headers: await setup.headers(),
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`reconciliation operation failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function waitForEnd(setup: ReconciliationSetup, id: string): Promise<RunState> {
  const deadline = Date.now() + TIMEOUT_MS;
  let nextProgress = Date.now() + PROGRESS_MS;
  for (;;) {
    const { reconciliationRun: run } = await graphql(setup, RUN, { id });
    if (run && run.state !== 'RUNNING') return run;
    if (run && setup.progress && Date.now() > nextProgress) {
      const resident = await residentNow([...setup.workers, ...(setup.system ? [setup.system] : [])]);
      const memory = Object.entries(resident).map(([name, mib]) => `${name} ${Math.round(mib)} MiB`);
      const phases = run.parts.map((part) => `${part.service} ${part.phase}`).join(', ');
      setup.progress(
        `reconciliation run ${id}: ${run.recordsCompared} records compared, ${run.canonicalRecordsChecked} canonical records checked, ${run.findingsCount} findings; parts ${phases}; resident ${memory.join(', ')}`,
      );
      nextProgress = Date.now() + PROGRESS_MS;
    }
    if (Date.now() > deadline) throw new Error(`reconciliation run ${id} still running after ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * One ERP reconciliation of the whole dataset through the graph, as an operator starts it: records
 * compared per second (from the run's own start and end) and the peak resident memory of the
 * processes comparing, which paging is meant to keep flat whatever the size of the dataset.
 */
export async function measureReconciliation(setup: ReconciliationSetup): Promise<ReconciliationFigure> {
  const memory = samplePeakResident(setup.workers);
  const systemMemory = samplePeakResident(setup.system ? [setup.system] : []);
  try {
    const { startReconciliation } = await graphql(setup, START);
    if (!startReconciliation.run) throw new Error(`startReconciliation refused: ${JSON.stringify(startReconciliation.userErrors)}`);
    const run = await waitForEnd(setup, startReconciliation.run.id);
    if (run.state !== 'COMPLETED') throw new Error(`reconciliation run ${startReconciliation.run.id} ${run.state}`);
    const seconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt)) / 1000;
    return {
      system: 'ERP',
      recordsCompared: run.recordsCompared,
      findings: run.findingsCount,
      seconds,
      recordsPerSecond: seconds > 0 ? run.recordsCompared / seconds : run.recordsCompared,
      peakResidentMiB: await memory.stop(),
      systemPeakResidentMiB: setup.system ? await systemMemory.stop() : undefined,
    };
  } finally {
    await memory.stop();
    await systemMemory.stop();
  }
}
