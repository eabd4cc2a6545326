import { and, eq, gte } from 'drizzle-orm';
import type { Environment } from '../config.ts';
import { backingSystems, createServiceDatabase, type BackingSystem, type DatabaseClient } from '../db/index.ts';
import { createJobOperations, jobSender } from '../jobs/index.ts';
import type { Logger } from '../logging.ts';
import { describeError } from '../resilience/index.ts';
import { inSpan, NEW_TRACE, SpanKind } from '../tracing/trace-context.ts';
import { reconciliationRuns } from './reconciliation-tables.ts';
import { startReconciliationRun } from './start-run.ts';
import { failStrandedRuns } from './stranded-runs.ts';

const CHECK_INTERVAL_MS = 60_000;

type ScheduleSettings = Pick<
  Environment,
  | 'RECONCILIATION_SCHEDULE'
  | 'RECONCILIATION_SCHEDULE_ERP'
  | 'RECONCILIATION_SCHEDULE_VENDOR_PLATFORM'
  | 'RECONCILIATION_SCHEDULE_CONTRACT_REPOSITORY'
>;

/** Each system's daily time (`HH:MM` UTC), or null when it is off. */
export function reconciliationTimes(settings: ScheduleSettings): Record<BackingSystem, string | null> {
  const own: Record<BackingSystem, string | undefined> = {
    ERP: settings.RECONCILIATION_SCHEDULE_ERP,
    VENDOR_PLATFORM: settings.RECONCILIATION_SCHEDULE_VENDOR_PLATFORM,
    CONTRACT_REPOSITORY: settings.RECONCILIATION_SCHEDULE_CONTRACT_REPOSITORY,
  };
  return Object.fromEntries(
    backingSystems.map((system) => {
      const time = own[system] ?? settings.RECONCILIATION_SCHEDULE;
      return [system, time === 'off' ? null : time];
    }),
  ) as Record<BackingSystem, string | null>;
}

/** Today's (UTC) instant of a daily time, or null while it is still to come. */
export function dueSince(time: string, now: Date): Date | null {
  const [hours, minutes] = time.split(':').map(Number);
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
  return due <= now ? due : null;
}

export interface ScheduleOptions {
  client: DatabaseClient;
  environment: ScheduleSettings;
  logger: Logger;
  now?: () => Date;
  /** How often the schedule is checked; every minute by default. */
  intervalMs?: number;
}

/**
 * The nightly runs: every minute, each system whose time has come today and has no scheduled run
 * since then gets one. Every process may run this; a second start meets the run already RUNNING
 * (one per system at a time), and a finished one is found by the check. Each check also ends
 * FAILED the runs a dead-lettered slice left RUNNING.
 */
export function startReconciliationSchedule(options: ScheduleOptions): { close(): Promise<void> } {
  const db = createServiceDatabase(options.client, 'platform', 'reconciliation').db;
  const jobs = createJobOperations({ client: options.client, bossSchema: 'pgboss', sender: jobSender(options.client) });
  const times = reconciliationTimes(options.environment);
  const now = options.now ?? (() => new Date());
  const log = options.logger.child({ component: 'reconciliation-schedule' });

  async function startIfDue(system: BackingSystem, time: string): Promise<void> {
    const due = dueSince(time, now());
    if (!due) return;
    const [ran] = await db
      .select({ id: reconciliationRuns.id })
      .from(reconciliationRuns)
      .where(
        and(eq(reconciliationRuns.system, system), eq(reconciliationRuns.trigger, 'SCHEDULED'), gte(reconciliationRuns.startedAt, due)),
      )
      .limit(1);
    if (ran) return;
    // A scheduled run is a trace of its own, which its slices' jobs continue.
    const span = { component: 'reconciliation', name: `reconciliation scheduled ${system}`, kind: SpanKind.INTERNAL, parent: NEW_TRACE };
    const outcome = await inSpan(span, () => startReconciliationRun(db, jobs, system, 'SCHEDULED'));
    if (outcome.started) log.info({ system, runId: outcome.run.id }, 'scheduled reconciliation started');
    else log.debug({ system, code: outcome.code }, 'scheduled reconciliation not started yet');
  }

  /** A stranded run of any system ends FAILED within a check, not only when the next run starts. */
  async function endStranded(system: BackingSystem): Promise<void> {
    for (const runId of await failStrandedRuns(db, jobs, system))
      log.warn({ system, runId }, 'reconciliation run ended FAILED: a slice was dead-lettered');
  }

  const check = async () => {
    for (const system of backingSystems) {
      await endStranded(system).catch((error: unknown) =>
        log.error({ system, error: describeError(error) }, 'could not look for stranded reconciliation runs'),
      );
      const time = times[system];
      if (time)
        await startIfDue(system, time).catch((error: unknown) =>
          log.error({ system, error: describeError(error) }, 'scheduled reconciliation failed to start'),
        );
    }
  };
  let running = Promise.resolve();
  const timer = setInterval(() => void (running = check()), options.intervalMs ?? CHECK_INTERVAL_MS);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
