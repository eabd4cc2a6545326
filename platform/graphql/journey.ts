import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Queryable } from '../db/database.ts';
import { isUuid } from '../db/ids.ts';
import { journeySteps, type JourneyOutcome, type JourneySystem } from '../db/platform-tables.ts';
import { groupBy } from '../grouping.ts';

export interface JourneyStep {
  at: Date;
  system: JourneySystem;
  action: string;
  outcome: JourneyOutcome;
  attempt: number | null;
  durationMs: number | null;
  error: string | null;
  traceId: string | null;
}

export interface Journey {
  steps: JourneyStep[];
  currentStep: JourneyStep | null;
  stuck: boolean;
}

/**
 * How long a record may stay at a step of each kind before it counts as stuck. A job waiting to
 * run, or retrying, is expected to move within minutes; a dead letter needs a person at once.
 * `JOURNEY_STUCK_AFTER_SECONDS` replaces the waiting thresholds (tests shorten it).
 */
export function stuckThresholdsMs(source: NodeJS.ProcessEnv = process.env): Record<JourneyOutcome, number | null> {
  const override = source.JOURNEY_STUCK_AFTER_SECONDS ? Number(source.JOURNEY_STUCK_AFTER_SECONDS) * 1000 : null;
  return {
    PENDING: override ?? 5 * 60_000,
    RETRYING: override ?? 15 * 60_000,
    FAILED: override ?? 15 * 60_000,
    DEAD_LETTERED: 0,
    SUCCEEDED: null,
  };
}

type StepRow = typeof journeySteps.$inferSelect;

const QUEUED = ': queued';

/**
 * When the queued job at `index` first ran: the n-th job queued on a queue pairs with the n-th first
 * attempt on it (an attempt is recorded when it ends, so it began durationMs earlier); null while
 * it has not run.
 */
function firstAttemptStart(rows: StepRow[], index: number, queue: string): number | null {
  const position = rows.slice(0, index).filter((row) => row.action === `${queue}${QUEUED}`).length;
  const attempt = rows.filter((row) => row.action === queue && row.attempt === 1)[position];
  return attempt ? attempt.at.getTime() - (attempt.durationMs ?? 0) : null;
}

/**
 * A step's duration is what was measured (a job attempt, a call); a job waiting in its queue
 * waited until its first attempt began; any other step (an event) lasted until the next step.
 */
function durationOf(rows: StepRow[], index: number): number | null {
  const row = rows[index]!;
  if (row.durationMs !== null) return row.durationMs;
  const until = row.action.endsWith(QUEUED)
    ? firstAttemptStart(rows, index, row.action.slice(0, -QUEUED.length))
    : (rows[index + 1]?.at.getTime() ?? null);
  return until === null ? null : Math.max(0, until - row.at.getTime());
}

function toSteps(rows: StepRow[]): JourneyStep[] {
  return rows.map((row, index) => ({
    at: row.at,
    system: row.system,
    action: row.action,
    outcome: row.outcome,
    attempt: row.attempt,
    durationMs: durationOf(rows, index),
    error: row.error,
    traceId: row.traceId,
  }));
}

/** A drift's steps (`drift found: <field>`, then repaired or resolved) name what happened to it first. */
const DRIFT_STEP = /^drift (?:found|repaired|resolved): /;

/**
 * A job's queued step and its attempts are one line of work; so are repeats of one call, and a
 * drift's finding with its repair or resolution.
 */
function lineOf(step: JourneyStep): string {
  if (step.action.endsWith(QUEUED)) return step.action.slice(0, -QUEUED.length);
  return step.action.replace(DRIFT_STEP, 'drift: ');
}

/**
 * Where the record stands: the latest step of a line of work not yet done (queued, retrying,
 * failed, dead-lettered, and not followed by a later step of that line); when every line is
 * done, the last step. Other work about the record finishing meanwhile does not hide a stuck one.
 */
function currentStepOf(steps: JourneyStep[]): JourneyStep | null {
  const latest = new Map<string, JourneyStep>();
  for (const step of steps) latest.set(lineOf(step), step);
  const open = steps.filter((step) => step.outcome !== 'SUCCEEDED' && latest.get(lineOf(step)) === step);
  return open.at(-1) ?? steps.at(-1) ?? null;
}

/** The journey of a record from its recorded steps. */
export function journeyOf(rows: StepRow[], now: Date, thresholds = stuckThresholdsMs()): Journey {
  const steps = toSteps(rows);
  const currentStep = currentStepOf(steps);
  const threshold = currentStep ? thresholds[currentStep.outcome] : null;
  const stuck = currentStep !== null && threshold !== null && now.getTime() - currentStep.at.getTime() >= threshold;
  return { steps, currentStep, stuck };
}

/** The journeys of many records, batched per request into one statement. */
export function journeyLoader(db: Queryable): DataLoader<string, Journey> {
  const thresholds = stuckThresholdsMs();
  return new DataLoader(async (entityIds) => {
    const ids = entityIds.filter(isUuid);
    const rows =
      ids.length === 0
        ? []
        : await db
            .select()
            .from(journeySteps)
            .where(inArray(journeySteps.entityId, ids))
            .orderBy(asc(journeySteps.entityId), asc(journeySteps.at), asc(journeySteps.id));
    const byEntity = groupBy(rows, (row) => row.entityId);
    const now = new Date();
    return entityIds.map((id) => journeyOf(byEntity.get(id) ?? [], now, thresholds));
  });
}
