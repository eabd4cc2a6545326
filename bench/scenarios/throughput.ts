import type { BenchPlan } from '../config.ts';
import { measureLoad, type LoadSample } from '../load.ts';
import { operationBody, type OperationName } from '../operations.ts';
import { spreadOf, type Spread } from '../stats.ts';

export type TargetKey = 'procuregraph' | 'apollo' | 'hive' | 'hiveUndeduplicated' | 'subgraph';

/** A server the load generator sends GraphQL over HTTP to. */
export interface HttpTarget {
  readonly key: TargetKey;
  readonly label: string;
  readonly url: string;
  /** Fresh credentials for one measurement. */
  headers(): Promise<Record<string, string>>;
  readonly operations: readonly OperationName[];
}

export interface ThroughputCell {
  operation: OperationName;
  target: TargetKey;
  connections: number;
  rps: Spread;
  p50: Spread;
  p99: Spread;
  failures: number;
}

export interface ThroughputWorkload {
  readonly targets: readonly HttpTarget[];
  readonly operations: readonly OperationName[];
  readonly supplierId: string;
  readonly pageSize: number;
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
    const body = operationBody(operation, workload.pageSize, workload.supplierId);
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

async function measureCell(target: HttpTarget, body: string, connections: number, plan: BenchPlan): Promise<LoadSample> {
  const request = { url: target.url, headers: await target.headers(), body };
  await measureLoad(request, connections, plan.warmupSeconds);
  return measureLoad(request, connections, plan.loadSeconds);
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
  const samples = new Map<string, { operation: OperationName; target: TargetKey; connections: number; runs: LoadSample[] }>();
  for (let repeat = 0; repeat < plan.repeats; repeat += 1) {
    for (const operation of workload.operations) {
      const body = operationBody(operation, workload.pageSize, workload.supplierId);
      for (const connections of plan.concurrencies) {
        for (const target of workload.targets.filter((candidate) => candidate.operations.includes(operation))) {
          const sample = await measureCell(target, body, connections, plan);
          const key = `${operation}/${target.key}/${connections}`;
          const entry = samples.get(key) ?? { operation, target: target.key, connections, runs: [] };
          entry.runs.push(sample);
          samples.set(key, entry);
          progress(
            `${operation} ${target.key} c=${connections} run ${repeat + 1}: ${sample.rps.toFixed(0)} req/s p50 ${sample.p50} ms p99 ${sample.p99} ms${sample.failures ? ` FAILURES ${sample.failures}` : ''}`,
          );
        }
      }
    }
  }
  return [...samples.values()].map(({ operation, target, connections, runs }) => ({
    operation,
    target,
    connections,
    rps: spreadOf(runs.map((run) => run.rps)),
    p50: spreadOf(runs.map((run) => run.p50)),
    p99: spreadOf(runs.map((run) => run.p99)),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  }));
}
