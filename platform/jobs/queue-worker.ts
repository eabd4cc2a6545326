import type PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';
import { addJourneySteps } from '../db/journey-recording.ts';
import type { BackingSystem, SyncState } from '../db/integration-tables.ts';
import { observingCalls, type ObservedCall } from '../http/call-observer.ts';
import { announceOperationsChanges, type OperationsChangeNotice } from '../events/operations-changes.ts';
import type { Logger } from '../logging.ts';
import { describeError, isCircuitOpen, isPermanentFailure } from '../resilience/failures.ts';
import type { CallPolicy } from '../resilience/system-policies.ts';
import { jobDurationSeconds, jobsCompletedTotal, jobsDeadLetteredTotal, jobsFailedTotal, jobsPostponedTotal } from './job-metrics.ts';
import type { JobStore } from './job-store.ts';
import type { HandlerDefinition, JobData } from './job-types.ts';
import { recordSyncState, type SyncStatusTable } from './sync-status.ts';
import { WakeSignal } from './wake-signal.ts';
import type { JobClaims } from './worker-instances.ts';
import { contextFrom, inSpan, SpanKind } from '../tracing/trace-context.ts';
import { SpanStatusCode, type Span } from '@opentelemetry/api';

/** A handler definition with everything resolved that the runtime needs to run its queue. */
export interface QueueDefinition {
  service: string;
  /** The pg-boss queue, `<service>.<queue>`. */
  name: string;
  deadLetterName: string;
  handler: HandlerDefinition;
  system: BackingSystem | null;
  policy: CallPolicy;
  concurrency: number;
}

export interface QueueWorkerDependencies {
  boss: PgBoss;
  store: JobStore;
  db: Database;
  syncStatus: SyncStatusTable;
  logger: Logger;
  pollIntervalMs: number;
  /** This runtime's record of the jobs it runs, which lets others take them over if it dies. */
  claims: JobClaims;
}

export interface QueueWorker {
  /** Looks for work now instead of at the next poll. */
  wake(): void;
  /** Stops fetching and waits for the jobs in hand. */
  stop(): Promise<void>;
}

type FetchedJob = PgBoss.JobWithMetadata<JobData>;

type Outcome =
  { kind: 'succeeded' } | { kind: 'refused'; error: unknown } | { kind: 'failed'; error: unknown; final: boolean; permanent: boolean };

const minimumPostponeMs = 1000;

function idempotencyKey(queue: string, eventId: string): string {
  return `${queue}:${eventId}`;
}

function runHandler(queue: QueueDefinition, job: FetchedJob, attempt: number): Promise<void> {
  return queue.policy.execute((signal) =>
    queue.handler.handler({
      ...job.data,
      jobId: job.id,
      queue: queue.handler.queue,
      system: queue.system,
      attempt,
      idempotencyKey: idempotencyKey(queue.name, job.data.eventId),
      signal,
    }),
  );
}

async function attemptJob(queue: QueueDefinition, job: FetchedJob, attempt: number): Promise<Outcome> {
  try {
    await runHandler(queue, job, attempt);
    return { kind: 'succeeded' };
  } catch (error) {
    if (isCircuitOpen(error)) return { kind: 'refused', error };
    const permanent = isPermanentFailure(error);
    return { kind: 'failed', error, permanent, final: permanent || job.retryCount >= job.retryLimit };
  }
}

/** A failed or refused attempt is an error in its trace, with the failure's text. */
function markOutcome(span: Span, outcome: Outcome): void {
  span.setAttribute('procuregraph.job.outcome', outcome.kind);
  if (outcome.kind !== 'succeeded') span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(outcome.error) });
}

/** Spread postponed jobs out so they do not all come back in the same instant. */
function postponeDelayMs(policy: CallPolicy): number {
  return Math.max(policy.refusingForMs(), minimumPostponeMs) * (1 + Math.random() / 2);
}

export function startQueueWorker(queue: QueueDefinition, deps: QueueWorkerDependencies): QueueWorker {
  const { boss, store, logger } = deps;
  const labels = { service: queue.service, queue: queue.name, system: queue.system ?? 'NONE' };
  const log = logger.child({ queue: queue.name });
  const running = new Set<Promise<void>>();
  const signal = new WakeSignal();
  let stopping = false;

  async function track(job: FetchedJob, state: SyncState, attempts: number, error: unknown): Promise<void> {
    if (!queue.system) return;
    const lastError = error === null ? null : describeError(error);
    await recordSyncState(deps.db, deps.syncStatus, {
      entityId: job.data.entityId,
      system: queue.system,
      state,
      attempts,
      lastError,
    });
  }

  /**
   * Every attempt that ran is a step of its record's journey, at the time it ended (so it is the
   * record's current step while it waits to be retried), after each call it made to the backing
   * system, at the time each began. A postponement (circuit open) is not a step, nor is the
   * attempt of a job that concerns no record. Returns the steps' notices, announced with the job's end.
   */
  async function recordAttempt(
    job: FetchedJob,
    attempt: number,
    outcome: Outcome,
    durationMs: number,
    calls: ObservedCall[],
  ): Promise<OperationsChangeNotice[]> {
    if (outcome.kind === 'refused' || queue.handler.recordless) return [];
    const step = { entityId: job.data.entityId, service: queue.service, system: queue.system ?? 'PROCUREGRAPH' } as const;
    return addJourneySteps(deps.db, [
      {
        ...step,
        action: queue.handler.queue,
        outcome: outcome.kind === 'succeeded' ? 'SUCCEEDED' : outcome.final ? 'DEAD_LETTERED' : 'RETRYING',
        attempt,
        durationMs,
        error: outcome.kind === 'succeeded' ? null : describeError(outcome.error),
      },
      ...calls.map((call) => ({
        ...step,
        action: call.action,
        outcome: call.error === null ? ('SUCCEEDED' as const) : ('FAILED' as const),
        attempt,
        durationMs: call.durationMs,
        at: call.startedAt,
        error: call.error,
      })),
    ]);
  }

  async function settle(job: FetchedJob, attempt: number, outcome: Outcome): Promise<void> {
    if (outcome.kind === 'succeeded') {
      await boss.complete(queue.name, job.id);
      jobsCompletedTotal.inc(labels);
      await track(job, 'SYNCED', attempt, null);
      return;
    }
    if (outcome.kind === 'refused') {
      await store.postpone(queue.name, job.id, postponeDelayMs(queue.policy));
      jobsPostponedTotal.inc(labels);
      await track(job, 'PENDING', attempt - 1, outcome.error);
      return;
    }
    if (outcome.permanent) await store.exhaustRetries(queue.name, job.id);
    await boss.fail(queue.name, job.id, { message: describeError(outcome.error), attempts: attempt });
    jobsFailedTotal.inc(labels);
    if (outcome.final) jobsDeadLetteredTotal.inc(labels);
    const details = { jobId: job.id, entityId: job.data.entityId, attempt, error: describeError(outcome.error) };
    if (outcome.final) log.error(details, 'job dead-lettered');
    else log.warn(details, 'job failed, will retry');
    await track(job, outcome.final ? 'DEAD_LETTERED' : 'FAILED', attempt, outcome.error);
  }

  /** One attempt as a consumer span under the span that queued the job, so its calls and steps join that trace. */
  function attemptSpan(job: FetchedJob, attempt: number) {
    return {
      component: queue.service,
      name: `job ${queue.name}`,
      kind: SpanKind.CONSUMER,
      parent: contextFrom(job.data.traceContext),
      attributes: {
        'messaging.system': 'pg-boss',
        'messaging.destination.name': queue.name,
        'messaging.message.id': job.id,
        'procuregraph.job.attempt': attempt,
      },
    };
  }

  /**
   * The operations pages hear of each job that ended an attempt, of each dead letter and of the
   * journey steps the attempt added, in one statement, once all of them can be read.
   */
  function announce(job: FetchedJob, deadLettered: boolean, journeys: readonly OperationsChangeNotice[]): Promise<void> {
    const change = { system: queue.system, recordId: job.data.entityId };
    const notices: OperationsChangeNotice[] = [...journeys, { topic: 'SYNC_JOBS', ...change }];
    if (deadLettered) notices.push({ topic: 'DEAD_LETTERS', ...change });
    return announceOperationsChanges(deps.db, notices);
  }

  async function run(job: FetchedJob): Promise<void> {
    const attempt = job.retryCount + 1;
    try {
      await inSpan(attemptSpan(job, attempt), async (span) => {
        await track(job, 'IN_PROGRESS', attempt, null);
        const timer = jobDurationSeconds.startTimer(labels);
        const calls: ObservedCall[] = [];
        const outcome = await observingCalls(
          (call) => calls.push(call),
          () => attemptJob(queue, job, attempt),
        );
        markOutcome(span, outcome);
        const seconds = outcome.kind === 'refused' ? 0 : timer();
        const journeys = await recordAttempt(job, attempt, outcome, Math.round(seconds * 1000), calls);
        await settle(job, attempt, outcome);
        await announce(job, outcome.kind === 'failed' && outcome.final, journeys);
      });
    } catch (error) {
      // The job stays active until pg-boss expires it and runs it again; the idempotency key
      // makes that second run harmless.
      log.error({ jobId: job.id, error: describeError(error) }, 'could not record job outcome');
    }
    await deps.claims
      .release(queue.name, job.id)
      .catch((error: unknown) => log.warn({ jobId: job.id, error: describeError(error) }, 'could not release job claim'));
  }

  /** Without its claims a job still runs; if this process dies, it waits for pg-boss's expiry. */
  async function claim(jobs: FetchedJob[]): Promise<void> {
    if (jobs.length === 0) return;
    try {
      await deps.claims.claim(
        queue.name,
        jobs.map((job) => job.id),
      );
    } catch (error) {
      log.warn({ jobIds: jobs.map((job) => job.id), error: describeError(error) }, 'could not claim fetched jobs');
    }
  }

  function launch(job: FetchedJob): void {
    const task = run(job).finally(() => {
      running.delete(task);
      signal.wake();
    });
    running.add(task);
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const free = queue.concurrency - running.size;
      // While the circuit is open every call would be refused: leave the jobs in the queue.
      const refusing = queue.policy.refusingForMs();
      if (free === 0 || refusing > 0) {
        await signal.sleep(free === 0 ? deps.pollIntervalMs : refusing);
        continue;
      }
      const jobs = await boss.fetch<JobData>(queue.name, { batchSize: free, includeMetadata: true });
      await claim(jobs);
      jobs.forEach(launch);
      if (jobs.length === 0) await signal.sleep(deps.pollIntervalMs);
    }
    await Promise.all(running);
  }

  const looping = loop().catch((error: unknown) => log.error({ error: describeError(error) }, 'queue worker stopped'));

  return {
    wake: () => signal.wake(),
    async stop() {
      stopping = true;
      signal.wake();
      await looping;
    },
  };
}
