import { index, integer, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instantColumn, updatedAtColumn } from './columns.ts';
import { backingSystems, type BackingSystem } from './integration-tables.ts';
import { platformSchema } from './platform-schema.ts';
import { valueCheck } from './value-checks.ts';

/** Exported so drizzle-kit creates the schema in the first migration. */
export { platformSchema };

export const breakerStates = ['CLOSED', 'OPEN', 'HALF_OPEN'] as const;
export type BreakerState = (typeof breakerStates)[number];

/**
 * Every job queue a service's runtime has created, with the backing system it talks to: queue
 * names alone do not say that, and operators look at jobs by system across all services.
 */
export const jobQueues = platformSchema.table(
  'job_queues',
  {
    name: text().primaryKey(),
    // Derived from the name, so unique with it. Not a unique constraint: runtimes register the same
    // queue at once, and an upsert may only meet a conflict on the key it names.
    deadLetterName: text().notNull(),
    service: text().notNull(),
    queue: text().notNull(),
    system: text().$type<BackingSystem>(),
    updatedAt: updatedAtColumn(),
  },
  (table) => [index().on(table.deadLetterName), valueCheck('job_queues_system_check', table.system, backingSystems)],
);

/**
 * Each process keeps its own circuit breakers in memory; it reports them here on every
 * transition and periodically, so the state of a system can be read across processes.
 */
export const breakerReports = platformSchema.table(
  'breaker_reports',
  {
    processId: text().notNull(),
    system: text().$type<BackingSystem>().notNull(),
    state: text().$type<BreakerState>().notNull(),
    openedAt: instantColumn(),
    lastFailure: text(),
    reportedAt: instantColumn().notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.processId, table.system] }),
    index().on(table.system, table.reportedAt),
    valueCheck('breaker_reports_system_check', table.system, backingSystems),
    valueCheck('breaker_reports_state_check', table.state, breakerStates),
  ],
);

/**
 * Each running job runtime (one per service in a process) with its heartbeat. pg-boss 10 learns
 * that a worker vanished only when the job expires; the runtimes instead find instances whose
 * heartbeat stopped and hand their running jobs back to the queue within seconds. A row is
 * deleted when its runtime stops, or by the runtime that finds it dead.
 */
export const workerInstances = platformSchema.table('worker_instances', {
  id: uuid().primaryKey(),
  service: text().notNull(),
  /** The pg-boss schema its jobs are in: a runtime hands back only the jobs of its own schema's instances. */
  bossSchema: text().notNull(),
  /** Runtimes of one process live and die together: none takes another of its own process for dead. */
  processId: text().notNull(),
  host: text().notNull(),
  pid: integer().notNull(),
  startedAt: instantColumn().notNull().defaultNow(),
  heartbeatAt: instantColumn().notNull().defaultNow(),
  /** Its own setting: others take it for dead once its heartbeat is this old, whatever theirs is. */
  deadAfterSeconds: integer().notNull(),
});

/**
 * The pg-boss jobs an instance is running, one row per job from its fetch until it settles.
 * `startedOn` is pg-boss's start of that run (microseconds, copied from the job row): a job whose
 * `started_on` differs has been fetched again since, by someone else, and is not this claim's.
 */
export const jobClaims = platformSchema.table(
  'job_claims',
  {
    queue: text().notNull(),
    jobId: uuid().notNull(),
    instanceId: uuid()
      .notNull()
      .references(() => workerInstances.id, { onDelete: 'cascade' }),
    startedOn: instantColumn().notNull(),
  },
  (table) => [primaryKey({ columns: [table.queue, table.jobId] }), index().on(table.instanceId)],
);

/**
 * The gateway's rate-limit counters when it runs on PostgreSQL, so every gateway instance counts
 * one caller's requests together. rate-limiter-flexible's Drizzle store reads and writes it by
 * these column names: one row per caller or address and window, points used, window end.
 */
export const rateLimitCounters = platformSchema.table(
  'rate_limit_counters',
  {
    key: text().primaryKey(),
    points: integer().notNull().default(0),
    expire: instantColumn(),
  },
  (table) => [index().on(table.expire)],
);

export const journeySystems = ['PROCUREGRAPH', ...backingSystems, 'FILES'] as const;
export type JourneySystem = (typeof journeySystems)[number];

export const journeyOutcomes = ['SUCCEEDED', 'FAILED', 'PENDING', 'RETRYING', 'DEAD_LETTERED'] as const;
export type JourneyOutcome = (typeof journeyOutcomes)[number];

/**
 * One row per step a business record took: each event its change committed (written in the same
 * transaction as the change, by the outbox) and each attempt of each job about it (written by the
 * job runtime when the attempt settles). pg-boss keeps only a job's latest state, and sync status
 * only the latest per system, so the path itself is kept here. Ordered by `at`, then `id` (UUIDv7).
 */
export const journeySteps = platformSchema.table(
  'journey_steps',
  {
    id: uuid().primaryKey(),
    entityId: uuid().notNull(),
    service: text().notNull(),
    at: instantColumn().notNull().defaultNow(),
    system: text().$type<JourneySystem>().notNull(),
    action: text().notNull(),
    outcome: text().$type<JourneyOutcome>().notNull(),
    attempt: integer(),
    durationMs: integer(),
    error: text(),
    traceId: text(),
  },
  (table) => [
    index().on(table.entityId, table.at, table.id),
    valueCheck('journey_steps_system_check', table.system, journeySystems),
    valueCheck('journey_steps_outcome_check', table.outcome, journeyOutcomes),
  ],
);
