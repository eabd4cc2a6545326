import { subgraphNames, type SubgraphName } from '@procuregraph/schema';
import { operationBody, type OperationName } from '../operations.ts';
import { answerOf, type HttpTarget } from './throughput.ts';

export interface StatementCount {
  operation: OperationName;
  pageSize: number;
  /** Statements per request, by subgraph (request handling only: background work counts as `<name>-worker`). */
  bySubgraph: Record<SubgraphName, number>;
  total: number;
}

const REQUESTS_PER_BATCH = 5;
const BATCHES = 3;

/**
 * `db_queries_total{service}` from each subgraph's /metrics. Run as separate processes each
 * subgraph keeps its own registry; the embedded runtime shows the same series on the gateway's.
 */
export async function statementsSoFar(metricsUrls: Readonly<Record<SubgraphName, string>>): Promise<Record<SubgraphName, number>> {
  const counts = {} as Record<SubgraphName, number>;
  for (const name of subgraphNames) {
    const text = await (await fetch(metricsUrls[name])).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`db_queries_total{service="${name}"}`));
    counts[name] = line ? Number(line.split(' ').at(-1)) : 0;
  }
  return counts;
}

/**
 * Statements per request in one batch of requests. Background work that is not labelled a
 * worker's (a feed applying changes, say) can land in a batch and only ever adds to it.
 */
async function statementsPerRequest(
  gateway: HttpTarget,
  metricsUrls: Readonly<Record<SubgraphName, string>>,
  body: string,
): Promise<Record<SubgraphName, number>> {
  const before = await statementsSoFar(metricsUrls);
  for (let request = 0; request < REQUESTS_PER_BATCH; request += 1) await answerOf(gateway, body);
  const after = await statementsSoFar(metricsUrls);
  return Object.fromEntries(subgraphNames.map((name) => [name, (after[name] - before[name]) / REQUESTS_PER_BATCH])) as Record<
    SubgraphName,
    number
  >;
}

/** SQL statements each operation costs per request through Procuregraph's gateway, at each page size: the least of three batches. */
export async function countStatements(
  gateway: HttpTarget,
  metricsUrls: Readonly<Record<SubgraphName, string>>,
  operations: readonly OperationName[],
  pageSizes: readonly number[],
  supplierId: string,
): Promise<StatementCount[]> {
  const counts: StatementCount[] = [];
  for (const operation of operations) {
    for (const pageSize of pageSizes) {
      const body = operationBody(operation, pageSize, supplierId);
      await answerOf(gateway, body);
      const batches: Record<SubgraphName, number>[] = [];
      for (let batch = 0; batch < BATCHES; batch += 1) batches.push(await statementsPerRequest(gateway, metricsUrls, body));
      const total = (bySubgraph: Record<SubgraphName, number>) => Object.values<number>(bySubgraph).reduce((sum, count) => sum + count, 0);
      const least = batches.sort((a, b) => total(a) - total(b))[0]!;
      counts.push({ operation, pageSize, bySubgraph: least, total: total(least) });
    }
  }
  return counts;
}
