import type { BenchPlan } from '../config.ts';
import { cpuMsPerRequest, cpuSnapshot } from '../cpu.ts';
import { measureLoad, type LoadSample } from '../load.ts';
import type { WatchedProcess } from '../memory.ts';
import type { OperationName } from '../operations.ts';
import { spreadOf, type Spread } from '../stats.ts';

export type TargetKey = 'procuregraph' | 'procuregraphUncached' | 'apollo' | 'hive' | 'hiveUndeduplicated' | 'hiveRust' | 'subgraph';

/** A server the load generator sends GraphQL over HTTP to. */
export interface HttpTarget {
  readonly key: TargetKey;
  readonly label: string;
  readonly url: string;
  /** Fresh credentials for one measurement. */
  headers(): Promise<Record<string, string>>;
  readonly operations: readonly OperationName[];
  /** The name, among the watched processes, of the server this target is (its own CPU). */
  readonly process?: string;
}

/** Every request alike (what in-flight sharing helps most), or each different (what it cannot help). */
export type WorkloadShape = 'identical' | 'varied';

export interface ThroughputCell {
  operation: OperationName;
  /** Absent in results recorded before the varied workload existed: those were identical. */
  workload?: WorkloadShape;
  target: TargetKey;
  connections: number;
  rps: Spread;
  p50: Spread;
  p99: Spread;
  failures: number;
  /** CPU ms per completed request of each watched process and of PostgreSQL: the median over the repeats (absent in older results). */
  cpuMsPerRequest?: Record<string, number>;
}

export interface ThroughputWorkload {
  readonly shape: WorkloadShape;
  readonly targets: readonly HttpTarget[];
  readonly operations: readonly OperationName[];
  /** The bodies of one operation: one for the identical workload, many sent in turn for the varied one. */
  bodies(operation: OperationName): readonly string[];
  /** Processes whose CPU is measured with each cell (none: CPU is not measured). */
  readonly processes: readonly WatchedProcess[];
}

interface CellSample extends LoadSample {
  cpuMsPerRequest: Record<string, number>;
}

/** Sends one operation and returns its data, failing on an HTTP or GraphQL error (a fast error is not throughput). */
export async function answerOf(target: HttpTarget, body: string): Promise<unknown> {
  const response = await fetch(target.url, { method: 'POST', headers: await target.headers(), body });
  const payload = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || payload.errors)
    throw new Error(`${target.label} answered ${response.status}: ${JSON.stringify(payload).slice(0, 500)}`);
  return payload.data;
}

/**
 * Checks before any load that every target answers each operation without errors and with the
 * same data as Procuregraph's gateway; returns a note for each difference.
 */
export async function compareAnswers(workload: ThroughputWorkload): Promise<string[]> {
  const notes: string[] = [];
  for (const operation of workload.operations) {
    const [body] = workload.bodies(operation);
    if (!body) continue;
    const answers = new Map<TargetKey, string>();
    for (const target of workload.targets.filter((candidate) => candidate.operations.includes(operation))) {
      answers.set(target.key, JSON.stringify(await answerOf(target, body)));
    }
    const reference = answers.get('procuregraph');
    for (const [key, answer] of answers)
      if (answer !== reference) notes.push(`${operation}: ${key} answers differently from Procuregraph's gateway`);
  }
  return notes;
}

async function measureCell(
  target: HttpTarget,
  bodies: readonly string[],
  connections: number,
  plan: BenchPlan,
  processes: readonly WatchedProcess[],
): Promise<CellSample> {
  const request = { url: target.url, headers: await target.headers(), bodies };
  await measureLoad(request, connections, plan.warmupSeconds);
  const before = await cpuSnapshot(processes);
  const sample = await measureLoad(request, connections, plan.loadSeconds);
  const after = await cpuSnapshot(processes);
  return { ...sample, cpuMsPerRequest: processes.length ? cpuMsPerRequest(before, after, sample.requests) : {} };
}

/** The median of each process's CPU per request over the repeats. */
function medianCpu(runs: readonly CellSample[]): Record<string, number> {
  const names = new Set(runs.flatMap((run) => Object.keys(run.cpuMsPerRequest)));
  return Object.fromEntries([...names].map((name) => [name, spreadOf(runs.map((run) => run.cpuMsPerRequest[name] ?? 0)).median]));
}

/**
 * Requests/s and latency for each operation, target and concurrency. Repeats are the outer loop
 * and targets the inner one, so a burst of noise from the shared machine spreads over every
 * target instead of landing on one.
 */
export async function measureThroughput(
  workload: ThroughputWorkload,
  plan: BenchPlan,
  progress: (line: string) => void,
): Promise<ThroughputCell[]> {
  const samples = new Map<string, { operation: OperationName; target: TargetKey; connections: number; runs: CellSample[] }>();
  for (let repeat = 0; repeat < plan.repeats; repeat += 1) {
    for (const operation of workload.operations) {
      const bodies = workload.bodies(operation);
      for (const connections of plan.concurrencies) {
        for (const target of workload.targets.filter((candidate) => candidate.operations.includes(operation))) {
          const sample = await measureCell(target, bodies, connections, plan, workload.processes);
          const key = `${operation}/${target.key}/${connections}`;
          const entry = samples.get(key) ?? { operation, target: target.key, connections, runs: [] };
          entry.runs.push(sample);
          samples.set(key, entry);
          const ownCpu = target.process ? sample.cpuMsPerRequest[target.process] : undefined;
          progress(
            `${workload.shape} ${operation} ${target.key} c=${connections} run ${repeat + 1}: ${sample.rps.toFixed(0)} req/s p50 ${sample.p50} ms p99 ${sample.p99} ms${ownCpu === undefined ? '' : ` cpu ${ownCpu.toFixed(2)} ms/req`}${sample.failures ? ` FAILURES ${sample.failures}` : ''}`,
          );
        }
      }
    }
  }
  return [...samples.values()].map(({ operation, target, connections, runs }) => ({
    operation,
    workload: workload.shape,
    target,
    connections,
    rps: spreadOf(runs.map((run) => run.rps)),
    p50: spreadOf(runs.map((run) => run.p50)),
    p99: spreadOf(runs.map((run) => run.p99)),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    cpuMsPerRequest: medianCpu(runs),
  }));
}
