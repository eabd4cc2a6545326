import { deterministicId, type BackingSystem, type Database } from '../db/index.ts';
import type { JobRuntime, RetryOptions } from '../jobs/index.ts';
import { describeError, isCircuitOpen, isPermanentFailure } from '../resilience/failures.ts';
import { failRun, reconciliationTopic } from './reconciliation-store.ts';
import { runReconciliationSlice, type ReconciliationComparer } from './run-part.ts';

export interface ReconciliationHandlerOptions {
  system: BackingSystem;
  comparer: ReconciliationComparer;
  /** How long one job takes pages before it hands over to the next; under the job timeout. */
  sliceMs: number;
  /** Retries of one slice before it is dead-lettered (and the run FAILED); 10, 5 s apart at first, by default. */
  retry?: Partial<RetryOptions>;
}

const DEFAULT_RETRY: RetryOptions = { limit: 10, delaySeconds: 5 };

/**
 * A service's part of every run of one system, as durable jobs: the run's request starts it, and
 * each job works one slice and sends the next (numbered by the pages done, so sending it twice
 * makes one job). A job whose process died is retried by pg-boss and resumes from the checkpoint.
 * A slice failing for the last time is dead-lettered: the run ends FAILED with the error, so it
 * does not stay RUNNING and block the next run of the system.
 */
export function defineReconciliationHandler(jobs: JobRuntime, db: Database, options: ReconciliationHandlerOptions): void {
  const queue = `reconcile-${options.system.toLowerCase().replaceAll('_', '-')}`;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  jobs.defineHandler<{ runId: string; startedAt: string }>({
    queue,
    topic: reconciliationTopic(options.system),
    concurrency: 1,
    retry,
    async handler(job) {
      const scope = { runId: job.payload.runId, service: jobs.service, system: options.system };
      const outcome = await runReconciliationSlice(db, scope, options.comparer, { budgetMs: options.sliceMs, signal: job.signal }).catch(
        async (error: unknown) => {
          // As the queue worker judges it: an open circuit postpones the job, anything else counts.
          const final = !isCircuitOpen(error) && (isPermanentFailure(error) || job.attempt > retry.limit);
          if (final) {
            await failRun(db, scope.runId, `${jobs.service}: ${describeError(error)}`);
          }
          throw error;
        },
      );
      if (!outcome.more) return;
      const id = deterministicId(new Date(job.payload.startedAt), outcome.continuation, 0);
      await jobs.enqueue(queue, { id, entityId: job.entityId, payload: job.payload });
    },
  });
}
