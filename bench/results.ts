import type { BenchPlan } from './config.ts';
import type { OperationName } from './operations.ts';
import type { ErpPaymentRunFigure, ErpPaymentRunProfile } from './scenarios/erp-payment-run.ts';
import type { CpuProfileSummary, LoadProfile } from './scenarios/cpu-profile.ts';
import type { MatchingFigure } from './scenarios/matching.ts';
import type { OnboardingFigure } from './scenarios/onboarding.ts';
import type { OutboxRelayFigure } from './scenarios/outbox-relay.ts';
import type { ReconciliationFigure } from './scenarios/reconciliation.ts';
import type { SlowStatement } from './scenarios/slow-statements.ts';
import type { StatementCount } from './scenarios/sql-statements.ts';
import type { SubscriptionFigure } from './scenarios/subscriptions.ts';
import type { ThroughputCell } from './scenarios/throughput.ts';

/** How busy the shared machine was around one section (1-minute load average). */
export interface SectionRecord {
  name: string;
  startedAt: string;
  seconds: number;
  loadAverageStart: number;
  loadAverageEnd: number;
  /** Set when the section failed; the others still ran. */
  failure?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  openFileLimit: string;
}

/** Everything one run measured: written as bench/results.json and rendered as bench/RESULTS.md. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  plan: BenchPlan;
  machine: Machine;
  datasets: { default: Record<string, number>; large: Record<string, number> | null };
  sections: SectionRecord[];
  supplier360: { default: string; large: string | null };
  throughput: { pageSize: number; cells: ThroughputCell[]; answerNotes: string[] } | null;
  /** The gateway's entity cache counters after the throughput section (Prometheus lines); absent before the cache existed. */
  entityCache?: string[] | null;
  memory: { atRest: Record<string, number>; underLoad: Record<string, number> } | null;
  statements: StatementCount[] | null;
  subscriptions: (SubscriptionFigure | { subscribers: number; failure: string })[] | null;
  /** Absent from results recorded before the ERP pushed its events. */
  erpPaymentRun?: ErpPaymentRunFigure | null;
  matching: MatchingFigure | null;
  /** The outbox relay alone on a burst; absent from results recorded before it was measured. */
  outboxRelay?: OutboxRelayFigure | null;
  onboarding: OnboardingFigure | null;
  /** Absent from results recorded before reconciliation existed. */
  reconciliation?: ReconciliationFigure | null;
  /** The ERP reconciliation of the large dataset; absent from results recorded before it existed. */
  largeReconciliation?: ReconciliationFigure | null;
  scale: { cells: ThroughputCell[]; slowStatements: SlowStatement[] } | { skipped: string } | null;
  profile: LoadProfile | null;
  /** The suppliers subgraph's CPU while one client sent it pages of suppliers; absent before it was profiled. */
  subgraphProfile?: LoadProfile | null;
  /** The gateway's CPU while the most subscribers received their events; absent before it was profiled. */
  subscriptionProfile?: CpuProfileSummary | null;
  /** Payment runs again, on payments issued anew, with the processes they pass through profiled; absent before it was profiled. */
  erpPaymentRunProfile?: ErpPaymentRunProfile | null;
  operationsMeasured: readonly OperationName[];
}
