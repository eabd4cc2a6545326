import type { BackingSystem, Database } from '../db/index.ts';
import type { JobOperations } from '../jobs/index.ts';
import { describeError } from '../resilience/index.ts';
import { failRun, openRun, reconciliationTopic, type StoredRun } from './reconciliation-store.ts';
import type { RunTrigger } from './reconciliation-tables.ts';
import { failStrandedRuns } from './stranded-runs.ts';

export type StartOutcome = { started: true; run: StoredRun } | { started: false; code: 'RUN_IN_PROGRESS' | 'NO_COMPARER'; message: string };

/**
 * Opens a run of one system and sends its part to every service comparing that system, as one
 * durable job each (its id the run's, so a repeated send adds nothing). A send that fails marks
 * the run FAILED, so it does not block the next one; so does a run left RUNNING by a slice
 * dead-lettered behind its handler's back.
 */
export async function startReconciliationRun(
  db: Database,
  jobs: JobOperations,
  system: BackingSystem,
  trigger: RunTrigger,
): Promise<StartOutcome> {
  const topic = reconciliationTopic(system);
  const services = await jobs.subscribedServices(topic);
  if (services.length === 0) {
    return { started: false, code: 'NO_COMPARER', message: `No running service compares ${system}: its workers have not started.` };
  }
  await failStrandedRuns(db, jobs, system);
  const run = await openRun(db, system, trigger, services);
  if (!run) return { started: false, code: 'RUN_IN_PROGRESS', message: `A reconciliation of ${system} is still running.` };
  try {
    await jobs.request(topic, { id: run.id, entityId: run.id, payload: { runId: run.id, startedAt: run.startedAt.toISOString() } });
  } catch (error) {
    await failRun(db, run.id, describeError(error));
    throw error;
  }
  return { started: true, run };
}
