import { deterministicId, type BackingSystem, type Database } from '../db/index.ts';
import type { JobRuntime } from '../jobs/index.ts';
import { reconciliationTopic } from './reconciliation-store.ts';
import { runReconciliationSlice, type ReconciliationComparer } from './run-part.ts';

export interface ReconciliationHandlerOptions {
  system: BackingSystem;
  comparer: ReconciliationComparer;
  /** How long one job takes pages before it hands over to the next; under the job timeout. */
  sliceMs: number;
}

/**
 * A service's part of every run of one system, as durable jobs: the run's request starts it, and
 * each job works one slice and sends the next (numbered by the pages done, so sending it twice
 * makes one job). A job whose process died is retried by pg-boss and resumes from the checkpoint.
 */
export function defineReconciliationHandler(jobs: JobRuntime, db: Database, options: ReconciliationHandlerOptions): void {
  const queue = `reconcile-${options.system.toLowerCase().replaceAll('_', '-')}`;
  jobs.defineHandler<{ runId: string; startedAt: string }>({
    queue,
    topic: reconciliationTopic(options.system),
    concurrency: 1,
    retry: { limit: 10, delaySeconds: 5 },
    async handler(job) {
      const scope = { runId: job.payload.runId, service: jobs.service, system: options.system };
      const outcome = await runReconciliationSlice(db, scope, options.comparer, { budgetMs: options.sliceMs, signal: job.signal });
      if (!outcome.more) return;
      const id = deterministicId(new Date(job.payload.startedAt), outcome.continuation, 0);
      await jobs.enqueue(queue, { id, entityId: job.entityId, payload: job.payload });
    },
  });
}
