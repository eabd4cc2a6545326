import { and, eq } from 'drizzle-orm';
import type { BackingSystem, Database } from '../db/index.ts';
import type { JobOperations } from '../jobs/index.ts';
import { failRun, reconciliationTopic } from './reconciliation-store.ts';
import { reconciliationRuns } from './reconciliation-tables.ts';

/**
 * Ends FAILED each RUNNING run of a system whose slices all stopped and one was dead-lettered
 * without its handler seeing it fail: a process killed during a slice's last attempt, whose job a
 * heartbeat or pg-boss's expiry failed for good. Nothing would end such a run, and it would block
 * every later run of its system. A run with a job still waiting, retrying or running is left alone,
 * as is one with no failure yet (its first jobs may not be sent yet). Returns the runs it ended.
 */
export async function failStrandedRuns(db: Database, jobs: JobOperations, system: BackingSystem): Promise<string[]> {
  const running = await db
    .select({ id: reconciliationRuns.id })
    .from(reconciliationRuns)
    .where(and(eq(reconciliationRuns.system, system), eq(reconciliationRuns.state, 'RUNNING')));
  const ended: string[] = [];
  for (const run of running) {
    const outcome = await jobs.requestOutcome(reconciliationTopic(system), run.id);
    if (outcome.unfinished > 0 || outcome.lastFailure === null) continue;
    await failRun(db, run.id, `a slice was dead-lettered: ${outcome.lastFailure}`);
    ended.push(run.id);
  }
  return ended;
}
