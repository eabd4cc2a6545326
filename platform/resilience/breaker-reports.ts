import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { eq, gt, lt, sql } from 'drizzle-orm';
import type { DatabaseClient } from '../db/client.ts';
import type { Database, Queryable } from '../db/database.ts';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import { backingSystems, type BackingSystem } from '../db/integration-tables.ts';
import { breakerReports } from '../db/platform-tables.ts';
import type { Logger } from '../logging.ts';
import { describeError } from './failures.ts';
import type { BackingSystemPolicies, BreakerState, BreakerSummary } from './system-policies.ts';

/** This process, as it signs its breaker reports. */
const processId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const reportIntervalMs = 5_000;
/** A process that has not reported for this long is gone (crashed, or stopped uncleanly). */
const staleAfterMs = 3 * reportIntervalMs;

/** A system's circuit across every live process: open when any process has it open. */
export interface SystemCircuit {
  system: BackingSystem;
  state: BreakerState | 'UNKNOWN';
  openedAt: Date | null;
  lastFailure: string | null;
  reportingProcesses: number;
}

interface Reporter {
  users: number;
  stop(): Promise<void>;
}

// One reporter per database and breaker set, however many runtimes of the process share them.
const reporters = new WeakMap<DatabaseClient, WeakMap<BackingSystemPolicies, Reporter>>();

async function report(db: Database, summary: BreakerSummary): Promise<void> {
  const values = { state: summary.state, openedAt: summary.openedAt, lastFailure: summary.lastFailure, reportedAt: new Date() };
  await db
    .insert(breakerReports)
    .values({ processId, system: summary.system, ...values })
    .onConflictDoUpdate({ target: [breakerReports.processId, breakerReports.system], set: values });
}

function startReporter(db: Database, policies: BackingSystemPolicies, logger: Logger): Reporter {
  const reportAll = async () => {
    try {
      for (const summary of policies.summaries()) await report(db, summary);
      // Rows of processes that died without clearing them; readers already ignore them.
      await db.delete(breakerReports).where(lt(breakerReports.reportedAt, sql`now() - interval '1 hour'`));
    } catch (error) {
      logger.warn({ error: describeError(error) }, 'could not report circuit breaker states');
    }
  };
  void reportAll();
  // A transition is written, and announced to the operations pages, at once: operators look here exactly when a system fails.
  const reportTransition = async (system: BackingSystem) => {
    await reportAll();
    await announceOperationsChanges(db, [{ topic: 'CIRCUITS', system }]).catch((error: unknown) =>
      logger.warn({ error: describeError(error) }, 'could not announce a circuit breaker transition'),
    );
  };
  const unsubscribe = backingSystems.map((system) => policies.for(system).onStateChange(() => void reportTransition(system)));
  const timer = setInterval(() => void reportAll(), reportIntervalMs);
  timer.unref();
  return {
    users: 0,
    async stop() {
      clearInterval(timer);
      for (const dispose of unsubscribe) dispose();
      await db.delete(breakerReports).where(eq(breakerReports.processId, processId));
    },
  };
}

/**
 * Keeps this process's breaker states in the platform schema while any caller holds the
 * returned release function.
 */
export function reportBreakers(client: DatabaseClient, db: Database, policies: BackingSystemPolicies, logger: Logger): () => Promise<void> {
  const byPolicies = reporters.get(client) ?? new WeakMap<BackingSystemPolicies, Reporter>();
  reporters.set(client, byPolicies);
  const reporter = byPolicies.get(policies) ?? startReporter(db, policies, logger);
  byPolicies.set(policies, reporter);
  reporter.users += 1;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    reporter.users -= 1;
    if (reporter.users > 0) return;
    byPolicies.delete(policies);
    await reporter.stop();
  };
}

const severity: Record<BreakerState, number> = { CLOSED: 0, HALF_OPEN: 1, OPEN: 2 };

/** Every system's circuit as the live processes report it. */
export async function systemCircuits(db: Queryable): Promise<SystemCircuit[]> {
  const since = new Date(Date.now() - staleAfterMs);
  const rows = await db.select().from(breakerReports).where(gt(breakerReports.reportedAt, since));
  return backingSystems.map((system) => {
    const reports = rows.filter((row) => row.system === system);
    if (reports.length === 0) return { system, state: 'UNKNOWN', openedAt: null, lastFailure: null, reportingProcesses: 0 };
    const worst = reports.reduce((a, b) => (severity[b.state] > severity[a.state] ? b : a));
    const openedAt =
      reports
        .map((row) => row.openedAt)
        .filter((at): at is Date => at !== null)
        .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    return {
      system,
      state: worst.state,
      openedAt,
      lastFailure: worst.lastFailure ?? reports.find((row) => row.lastFailure)?.lastFailure ?? null,
      reportingProcesses: reports.length,
    };
  });
}
