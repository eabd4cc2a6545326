import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import type { UserCaller } from '@procuregraph/platform/auth';
import type { WorkloadShape } from './scenarios/throughput.ts';

/** How long and how often each figure is measured: `--quick` checks the apparatus, the full run is the record. */
export interface BenchPlan {
  readonly mode: 'quick' | 'full';
  /** Seconds of load per measurement, after `warmupSeconds` unmeasured. */
  readonly loadSeconds: number;
  readonly warmupSeconds: number;
  /** Each figure is measured this many times; the report gives the median and the spread. */
  readonly repeats: number;
  readonly concurrencies: readonly number[];
  /** The throughput workloads measured: identical requests, and requests each different. */
  readonly workloads: readonly WorkloadShape[];
  readonly subscriberCounts: readonly number[];
  /** Status changes published per subscriber count. */
  readonly subscriptionEvents: number;
  /** ERP payment runs timed to the subscriber's messages (fewer when the open payments run out). */
  readonly erpPaymentRuns: number;
  readonly matchInvoices: number;
  readonly onboardings: number;
}

export const fullPlan: BenchPlan = {
  mode: 'full',
  loadSeconds: 5,
  warmupSeconds: 1,
  repeats: 3,
  concurrencies: [1, 10, 50],
  workloads: ['identical', 'varied'],
  subscriberCounts: [1000, 5000, 10000],
  subscriptionEvents: 3,
  erpPaymentRuns: 3,
  matchInvoices: 2000,
  onboardings: 10,
};

export const quickPlan: BenchPlan = {
  mode: 'quick',
  loadSeconds: 1,
  warmupSeconds: 0.25,
  repeats: 1,
  concurrencies: [10],
  workloads: ['identical', 'varied'],
  subscriberCounts: [200],
  subscriptionEvents: 2,
  erpPaymentRuns: 1,
  matchInvoices: 200,
  onboardings: 2,
};

const POSTGRES = 'postgres://postgres@127.0.0.1:5432';

/** The default dataset is recreated on every run; the large one is seeded once and reused. */
export const databases = {
  server: `${POSTGRES}/postgres`,
  defaultName: 'procuregraph_bench_default',
  largeName: 'procuregraph_bench_large',
  url: (name: string) => `${POSTGRES}/${name}`,
};

/** Keys live here: the large dataset's encrypted columns can only be read with the keys it was seeded with. */
export const benchDataDir = join(repositoryRoot, 'bench', '.data');

/**
 * Ports away from `npm start`'s 4000–4005 and 4101–4103, so a developer's running graph does not
 * collide with the benchmark. Subgraphs take `subgraphPortBase + index in subgraphNames`.
 */
export const ports = {
  gateway: 4600,
  /** Procuregraph's gateway again, with its entity cache off: what the cache brings, side by side. */
  gatewayUncached: 4630,
  apolloGateway: 4610,
  hiveGateway: 4620,
  hiveGatewayUndeduplicated: 4621,
  hiveGatewayRust: 4622,
  subgraphPortBase: 4601,
  erp: 4701,
  vendorPlatform: 4702,
  contractRepository: 4703,
};

export const benchAdmin: UserCaller = { kind: 'staff', subject: 'bench-admin', role: 'admin' };
