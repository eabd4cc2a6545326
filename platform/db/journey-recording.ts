import { announceOperationsChanges } from '../events/operations-changes.ts';
import type { Queryable } from './database.ts';
import { currentTraceId } from '../tracing/trace-context.ts';
import { newId } from './ids.ts';
import { journeySteps, type JourneyOutcome, type JourneySystem } from './platform-tables.ts';

export interface JourneyStepRecord {
  /** Taken before the effect when the step must sort before the effect's own steps of one transaction (same `at`). */
  id?: string;
  entityId: string;
  service: string;
  system: JourneySystem;
  action: string;
  outcome: JourneyOutcome;
  attempt?: number | null;
  durationMs?: number | null;
  error?: string | null;
  traceId?: string | null;
  at?: Date;
}

/**
 * Adds a step to a record's journey, and announces it to the record's page; called in the
 * transaction of the effect it describes where there is one. The step names the trace it was
 * taken in unless the caller says otherwise.
 */
export async function recordJourneyStep(db: Queryable, step: JourneyStepRecord): Promise<void> {
  await recordJourneySteps(db, [step]);
}

/** Adds several steps in one statement (a job attempt and the calls it made), with one announcement per record. */
export async function recordJourneySteps(db: Queryable, steps: readonly JourneyStepRecord[]): Promise<void> {
  if (steps.length === 0) return;
  const traceId = currentTraceId();
  await db.insert(journeySteps).values(steps.map((step) => ({ id: newId(), traceId, ...step })));
  const records = new Set(steps.map((step) => step.entityId));
  await announceOperationsChanges(
    db,
    [...records].map((recordId) => ({ topic: 'JOURNEYS', recordId })),
  );
}
