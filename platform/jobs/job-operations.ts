import { pgSchema } from 'drizzle-orm/pg-core';
import type PgBoss from 'pg-boss';
import type { DatabaseClient } from '../db/client.ts';
import { createServiceDatabase } from '../db/database.ts';
import { backingSystems, integrationTables, type BackingSystem } from '../db/integration-tables.ts';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import { pageRequest, toConnection, type Connection, type ConnectionArguments } from '../graphql/connection.ts';
import { bossDatabase, withBossTransaction } from './boss-database.ts';
import { jobStore, jobStates, type JobState, type QueueStateCount, type StoredJob } from './job-store.ts';
import type { JobData, JobPayload } from './job-types.ts';
import { registeredQueues, type QueueScope, type RegisteredQueue } from './queue-registry.ts';
import { markSyncPending } from './sync-status.ts';

/**
 * What operators see of the durable jobs: every service's queues (found in the queue registry,
 * so one process can look across all of them), their jobs, their dead letters, and replay. The
 * job runtime uses the same view scoped to its own service.
 */

export interface JobSummary {
  id: string;
  service: string;
  queue: string;
  system: BackingSystem | null;
  state: JobState;
  entityId: string | null;
  eventId: string | null;
  topic: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  startAfter: Date;
  completedAt: Date | null;
}

export interface DeadLetterSummary {
  id: string;
  service: string;
  queue: string;
  system: BackingSystem | null;
  entityId: string | null;
  eventId: string | null;
  topic: string | null;
  payload: JobPayload;
  attempts: number;
  lastError: string | null;
  deadLetteredAt: Date;
}

/** Jobs of one backing system: waiting to run, waiting to retry, running, and dead letters not yet replayed. */
export interface SystemBacklog {
  system: BackingSystem;
  waiting: number;
  retrying: number;
  active: number;
  deadLettered: number;
}

/** What waits in one queue, its dead letters included: jobs not done, and since when the oldest has waited. */
export interface QueueBacklog {
  service: string;
  queue: string;
  unfinished: number;
  oldestAt: Date | null;
}

export interface JobListArguments extends ConnectionArguments, QueueScope {
  state?: JobState | null;
}

export interface DeadLetterListArguments extends ConnectionArguments, QueueScope {}

export type ReplayOutcome = { replayed: false } | { replayed: true; queue: RegisteredQueue };

export interface JobOperations {
  listJobs(args: JobListArguments): Promise<Connection<JobSummary>>;
  job(id: string): Promise<JobSummary | null>;
  deadLetters(args: DeadLetterListArguments): Promise<Connection<DeadLetterSummary>>;
  /**
   * Puts a dead letter back on its queue with a fresh retry budget and marks its record's sync
   * PENDING; only the first of concurrent replays of one dead letter does anything.
   */
  replayDeadLetter(id: string): Promise<ReplayOutcome>;
  backlogs(): Promise<SystemBacklog[]>;
  /**
   * Sends one job to every queue subscribed to a topic, all or none, with the given id (so sending
   * it again adds nothing); for work requested outside any service's outbox, such as a
   * reconciliation run. Returns the services whose queues it went to.
   */
  request(topic: string, job: { id: string; entityId: string; payload: JobPayload }): Promise<string[]>;
  /** The services with a queue subscribed to a topic. */
  subscribedServices(topic: string): Promise<string[]>;
  /**
   * Where the jobs of one record sent on a topic stand, across the subscribed queues: how many are
   * not done yet, and the error of the latest dead-lettered one (by a handler's failure, a killed
   * worker's last attempt handed back, or pg-boss's expiry), if any.
   */
  requestOutcome(topic: string, entityId: string): Promise<{ unfinished: number; lastFailure: string | null }>;
  /** The backlog of each queue whose handler name `matches`, dead letters not yet replayed included. */
  queueBacklogs(matches: (queue: string) => boolean): Promise<QueueBacklog[]>;
}

export interface JobOperationsOptions {
  client: DatabaseClient;
  bossSchema: string;
  /** Sends the replayed job; any started pg-boss instance on the same schema will do. */
  sender: () => Promise<PgBoss>;
  /** Limits the view to one service's queues (a job runtime's own). */
  service?: string;
}

function stringField(data: Record<string, unknown>, field: keyof JobData): string | null {
  const value = data[field];
  return typeof value === 'string' ? value : null;
}

export function createJobOperations(options: JobOperationsOptions): JobOperations {
  const { client, bossSchema } = options;
  const store = jobStore(bossDatabase(client), bossSchema);
  const db = createServiceDatabase(client, 'platform').db;
  const queues = (scope: QueueScope = {}) => registeredQueues(db, { service: options.service ?? scope.service, system: scope.system });
  const owner = (all: RegisteredQueue[], name: string) => all.find((queue) => queue.name === name || queue.deadLetterName === name);
  const servicesOf = async (names: string[]) => {
    const all = await queues();
    return [...new Set(names.map((name) => owner(all, name)?.service).filter((service) => service !== undefined))].sort();
  };

  return {
    async listJobs(args) {
      const page = pageRequest('job', args);
      const all = await queues(args);
      const names = all.map((queue) => queue.name);
      const states = args.state ? [args.state] : jobStates;
      const rows = await store.list(names, states, { limit: page.limit + 1, afterId: page.afterId });
      const nodes = rows.map((row) => jobSummary(row, owner(all, row.queue)));
      return toConnection('job', nodes, page, () => store.count(names, states));
    },

    async job(id) {
      const all = await queues();
      const row = await store.find(
        all.map((queue) => queue.name),
        id,
      );
      return row && jobSummary(row, owner(all, row.queue));
    },

    async deadLetters(args) {
      const page = pageRequest('dead-letter', args);
      const all = await queues(args);
      const names = all.map((queue) => queue.deadLetterName);
      const rows = await store.deadLetters(names, { limit: page.limit + 1, afterId: page.afterId });
      const nodes = rows.map((row) => {
        const queue = owner(all, row.deadLetterQueue);
        return {
          id: row.id,
          service: queue?.service ?? '',
          queue: queue?.queue ?? row.deadLetterQueue,
          system: queue?.system ?? null,
          entityId: stringField(row.data, 'entityId'),
          eventId: stringField(row.data, 'eventId'),
          topic: stringField(row.data, 'topic'),
          payload: (row.data.payload ?? {}) as JobPayload,
          attempts: row.attempts,
          lastError: row.lastError,
          deadLetteredAt: row.deadLetteredAt,
        };
      });
      return toConnection('dead-letter', nodes, page, () => store.count(names, ['created']));
    },

    async replayDeadLetter(id) {
      const all = await queues();
      const boss = await options.sender();
      const replayed = await withBossTransaction(client, async (transaction) => {
        const claimed = await jobStore(transaction, bossSchema).claimDeadLetter(
          all.map((queue) => queue.deadLetterName),
          id,
        );
        const queue = claimed && owner(all, claimed.deadLetterQueue);
        if (!claimed || !queue) return null;
        // The dead letter's id becomes the new job's: unique in the queue, and the event id in its
        // data keeps the idempotency key of the original runs.
        await boss.send(queue.name, claimed.data, { id, db: transaction });
        return { queue, entityId: stringField(claimed.data, 'entityId') };
      });
      if (!replayed) return { replayed: false };
      const { queue, entityId } = replayed;
      if (queue.system && entityId) {
        // The sync status belongs to the queue's service; its job runtime would write the same row.
        const { syncStatus } = integrationTables(pgSchema(queue.service));
        await markSyncPending(createServiceDatabase(client, queue.service).db, syncStatus, entityId, queue.system);
      }
      const change = { system: queue.system, recordId: entityId };
      await announceOperationsChanges(db, [
        { topic: 'DEAD_LETTERS', ...change },
        { topic: 'SYNC_JOBS', ...change },
      ]);
      return { replayed: true, queue };
    },

    async request(topic, job) {
      const boss = await options.sender();
      const data: JobData = { eventId: job.id, topic, entityId: job.entityId, payload: job.payload, occurredAt: new Date().toISOString() };
      const sentTo = await withBossTransaction(client, async (transaction) => {
        const subscribers = await jobStore(transaction, bossSchema).subscribers(topic);
        for (const queue of subscribers) await boss.send(queue, data, { id: job.id, db: transaction });
        return subscribers;
      });
      if (sentTo.length > 0) await announceOperationsChanges(db, [{ topic: 'SYNC_JOBS', recordId: job.entityId }]);
      return servicesOf(sentTo);
    },

    async subscribedServices(topic) {
      return servicesOf(await store.subscribers(topic));
    },

    async requestOutcome(topic, entityId) {
      const names = await store.subscribers(topic);
      const all = await queues();
      const deadLetterNames = names.map((name) => owner(all, name)?.deadLetterName).filter((name) => name !== undefined);
      return store.entityJobs(names, deadLetterNames, entityId);
    },

    async backlogs() {
      const all = await queues();
      const counts = await store.stateCounts(all.flatMap((queue) => [queue.name, queue.deadLetterName]));
      return backingSystems.map((system) => backlogOf(system, all, counts));
    },

    async queueBacklogs(matches) {
      const chosen = (await queues()).filter((queue) => matches(queue.queue));
      const rows = await store.unfinished(chosen.flatMap((queue) => [queue.name, queue.deadLetterName]));
      return chosen.map((queue) => {
        const own = rows.filter((row) => row.queue === queue.name || row.queue === queue.deadLetterName);
        const oldest = own.map((row) => row.oldestAt.getTime());
        return {
          service: queue.service,
          queue: queue.queue,
          unfinished: own.reduce((total, row) => total + row.count, 0),
          oldestAt: oldest.length > 0 ? new Date(Math.min(...oldest)) : null,
        };
      });
    },
  };
}

function jobSummary(row: StoredJob, queue: RegisteredQueue | undefined): JobSummary {
  return {
    id: row.id,
    service: queue?.service ?? '',
    queue: queue?.queue ?? row.queue,
    system: queue?.system ?? null,
    state: row.state,
    entityId: stringField(row.data, 'entityId'),
    eventId: stringField(row.data, 'eventId'),
    topic: stringField(row.data, 'topic'),
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    startAfter: row.startAfter,
    completedAt: row.completedAt,
  };
}

function backlogOf(system: BackingSystem, queues: RegisteredQueue[], counts: QueueStateCount[]): SystemBacklog {
  const ofSystem = queues.filter((queue) => queue.system === system);
  const names = new Set(ofSystem.map((queue) => queue.name));
  const deadLetterNames = new Set(ofSystem.map((queue) => queue.deadLetterName));
  const sum = (within: Set<string>, states: readonly JobState[]) =>
    counts.filter((c) => within.has(c.queue) && states.includes(c.state)).reduce((total, c) => total + c.count, 0);
  return {
    system,
    waiting: sum(names, ['created']),
    retrying: sum(names, ['retry']),
    active: sum(names, ['active']),
    deadLettered: sum(deadLetterNames, ['created']),
  };
}
