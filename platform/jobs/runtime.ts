import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { pgSchema } from 'drizzle-orm/pg-core';
import PgBoss from 'pg-boss';
import { workerHeartbeatDefaults } from '../config.ts';
import { listen, type DatabaseClient } from '../db/client.ts';
import { createServiceDatabase } from '../db/database.ts';
import { integrationTables } from '../db/integration-tables.ts';
import { migratePlatform } from '../db/platform-schema.ts';
import { newId } from '../db/ids.ts';
import type { Connection } from '../graphql/connection.ts';
import type { Logger } from '../logging.ts';
import { EVENTS_CHANNEL } from '../events/notification.ts';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import { describeError } from '../resilience/failures.ts';
import { BackingSystemPolicies, timeoutPolicy, type BreakerSummary } from '../resilience/system-policies.ts';
import { bossDatabase, type BossDatabase } from './boss-database.ts';
import { reportBacklog } from './job-metrics.ts';
import { jobStore, type JobState } from './job-store.ts';
import {
  createJobOperations,
  type DeadLetterListArguments,
  type DeadLetterSummary,
  type JobListArguments,
  type JobSummary,
  type QueueBacklog,
  type SystemBacklog,
} from './job-operations.ts';
import { registerQueues } from './queue-registry.ts';
import { reportBreakers } from '../resilience/breaker-reports.ts';
import type { HandlerDefinition, JobData, JobPayload, RetryOptions } from './job-types.ts';
import { currentTraceCarrier, type TraceCarrier } from '../tracing/trace-context.ts';
import { startQueueWorker, type QueueDefinition, type QueueWorker } from './queue-worker.ts';
import { workerInstanceRegistry, type WorkerHeartbeat, type WorkerInstanceRegistry } from './worker-instances.ts';

export interface JobRuntimeOptions {
  client: DatabaseClient;
  /** The service; also the schema holding the `sync_status` table the runtime keeps. */
  service: string;
  logger: Logger;
  /** The process's breakers and timeouts, built from its settings; when omitted (tests), a set of this runtime's own, 10 s each. */
  policies?: BackingSystemPolicies;
  /** Retry defaults for this runtime's handlers. */
  retry?: Partial<RetryOptions>;
  /** How often an idle queue looks for work when no event notification woke it. */
  pollIntervalMs?: number;
  /** How often pg-boss expires jobs that outlived their expiry (and archives old ones). */
  maintenanceIntervalSeconds?: number;
  /** How often this runtime beats, and after how long a silence others take it for dead and hand its running jobs back. */
  heartbeat?: WorkerHeartbeat;
  /** pg-boss's schema, shared by every service; tests use their own. */
  bossSchema?: string;
}

/** An outbox event being turned into jobs, one per subscribed queue. */
export interface PublishedEvent {
  eventId: string;
  topic: string;
  aggregateId: string;
  payload: JobPayload;
  occurredAt: Date;
  /** The trace context the event was written in (its outbox row's), if any. */
  traceContext?: TraceCarrier | null;
}

/** An event ready to become jobs, with the trace context they continue (the relay's producer span's). */
export interface ProducedEvent {
  event: PublishedEvent;
  jobTraceContext: TraceCarrier | null;
}

export interface SystemSummary extends SystemBacklog {
  breaker: BreakerSummary;
}

export interface JobRuntime {
  readonly service: string;
  /** Registers a handler; all handlers are defined before `start`. */
  defineHandler<Payload extends JobPayload>(definition: HandlerDefinition<Payload>): void;
  /** Installs pg-boss, creates the queues and their subscriptions, and starts working them. */
  start(): Promise<void>;
  /** Stops fetching, waits for the jobs in hand (each bounded by its timeout), deregisters, then stops pg-boss. */
  stop(): Promise<void>;
  /**
   * Turns events into one job per queue subscribed to each one's topic, inside the caller's
   * transaction (`db` from `withBossTransaction`), in two statements however many they are. The
   * job id is the event id, so publishing the same event again is a no-op. Returns the queues
   * each event went to, in the events' order.
   */
  publish(db: BossDatabase, events: readonly ProducedEvent[]): Promise<string[][]>;
  /**
   * Sends one job to one of this runtime's queues directly; the same `id` twice gives one job,
   * also once the first has finished and been archived (pg-boss keeps archived jobs a week).
   * Not transactional: a change that must produce work goes through the outbox. On PGlite it
   * must not be called inside a transaction (it would wait for that transaction's lock).
   */
  enqueue(queue: string, job: { id?: string; entityId: string; payload: JobPayload }): Promise<string | null>;
  /** Runs a dead letter of this service again with a fresh retry budget; replaying it a second time does nothing. */
  replayDeadLetter(id: string): Promise<{ replayed: boolean }>;
  listJobs(args: JobListArguments): Promise<Connection<JobSummary>>;
  deadLetters(args: DeadLetterListArguments): Promise<Connection<DeadLetterSummary>>;
  /** The backlog of this service's queues whose handler name `matches`, dead letters included. */
  queueBacklogs(matches: (queue: string) => boolean): Promise<QueueBacklog[]>;
  /** Each backing system's backlog in this service's queues, with this process's breaker. */
  systemSummaries(): Promise<SystemSummary[]>;
}

const defaultRetry: RetryOptions = { limit: 6, delaySeconds: 5 };
const defaultConcurrency = 5;
const waitingStates: readonly JobState[] = ['created', 'retry'];

function expireInSeconds(retry: RetryOptions, timeoutMs: number): number {
  return retry.expireInSeconds ?? Math.max(30, Math.ceil((2 * timeoutMs) / 1000));
}

function jobData({ event, jobTraceContext }: ProducedEvent): JobData {
  return {
    eventId: event.eventId,
    topic: event.topic,
    entityId: event.aggregateId,
    payload: event.payload,
    occurredAt: event.occurredAt.toISOString(),
    traceContext: jobTraceContext,
  };
}

async function ensureQueue(boss: PgBoss, queue: QueueDefinition, retry: RetryOptions): Promise<void> {
  const options: PgBoss.Queue = {
    name: queue.name,
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: true,
    expireInSeconds: expireInSeconds(retry, queue.policy.timeoutMs),
    deadLetter: queue.deadLetterName,
  };
  await boss.createQueue(queue.deadLetterName);
  await boss.createQueue(queue.name, options);
  // The queue may exist from an earlier deployment with other settings.
  await boss.updateQueue(queue.name, options);
  if (queue.handler.topic) await boss.subscribe(queue.handler.topic, queue.name);
}

/**
 * pg-boss's `create_queue` locks the queue table in an order that deadlocks when two processes
 * create the same queue at once; PostgreSQL aborts one, which finds the queue made on its retry.
 */
const queueSetupPolicy = retry(
  handleWhen((error) => (error as { code?: unknown }).code === '40P01'),
  { maxAttempts: 5, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }) },
);

/**
 * Beats every interval; when an instance of the same pg-boss schema has been silent for longer
 * than its own dead-after, hands its running jobs back and wakes the queues they went to.
 * Returns how to stop beating.
 */
function keepBeating(
  registry: WorkerInstanceRegistry,
  instance: { id: string; service: string; heartbeat: WorkerHeartbeat },
  boss: PgBoss,
  wake: (queue: string) => void,
  log: Logger,
): () => Promise<void> {
  async function beat(): Promise<void> {
    if (!(await registry.beat(instance.id))) {
      log.warn({ instanceId: instance.id }, 'this worker was taken for dead and its running jobs handed to others; registering again');
      await registry.register(instance.id, instance.service, instance.heartbeat.deadAfterSeconds);
    }
    if (!(await registry.anyDead())) return;
    for (const job of await registry.handBackJobsOfDead(boss)) {
      log.warn({ queue: job.queue, jobId: job.id, deadInstanceId: job.instanceId }, 'job of a dead worker handed back to its queue');
      wake(job.queue);
    }
  }
  // One beat at a time: a slow one is not overtaken by the next.
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = beating.then(beat).catch((error: unknown) => log.error({ error: describeError(error) }, 'worker heartbeat failed'));
  }, instance.heartbeat.intervalSeconds * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await beating;
  };
}

export function createJobRuntime(options: JobRuntimeOptions): JobRuntime {
  const { client, service, logger } = options;
  const policies = options.policies ?? new BackingSystemPolicies();
  const bossSchema = options.bossSchema ?? 'pgboss';
  const defaults: RetryOptions = { ...defaultRetry, ...options.retry };
  const database = bossDatabase(client);
  const store = jobStore(database, bossSchema);
  const instances = workerInstanceRegistry(client, database, bossSchema);
  const instanceId = newId();
  const heartbeat = options.heartbeat ?? workerHeartbeatDefaults;
  const { syncStatus } = integrationTables(pgSchema(service));
  const db = createServiceDatabase(client, service).db;
  const platformDb = createServiceDatabase(client, 'platform').db;
  const log = logger.child({ component: 'jobs' });
  const boss = new PgBoss({
    db: database,
    schema: bossSchema,
    supervise: true,
    migrate: true,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  boss.on('error', (error: unknown) => log.error({ error: describeError(error) }, 'pg-boss error'));

  const queues = new Map<string, { queue: QueueDefinition; retry: RetryOptions }>();
  const workers = new Map<string, QueueWorker>();
  const stopTasks: Array<() => unknown> = [];
  let started = false;

  const queueNames = () => [...queues.values()].map(({ queue }) => queue.name);
  const byName = (name: string) => queues.get(name)?.queue;
  const operations = createJobOperations({ client, bossSchema, service, sender: async () => boss });

  /** A dispatched event means new jobs for the queues subscribed to its topic. */
  function wakeTopic(payload: string): void {
    let topic: unknown;
    try {
      topic = (JSON.parse(payload) as { topic?: unknown }).topic;
    } catch {
      return;
    }
    for (const { queue } of queues.values()) if (queue.handler.topic === topic) workers.get(queue.name)?.wake();
  }

  async function backlog() {
    const counts = await store.stateCounts(queueNames());
    return queueNames().map((queue) => ({
      service,
      queue,
      system: byName(queue)?.system ?? 'NONE',
      count: counts.filter((c) => c.queue === queue && waitingStates.includes(c.state)).reduce((total, c) => total + c.count, 0),
    }));
  }

  return {
    service,

    defineHandler(definition) {
      if (started) throw new Error(`Handler ${definition.queue} defined after the job runtime started`);
      const name = `${service}.${definition.queue}`;
      if (queues.has(name)) throw new Error(`Handler ${name} is defined twice`);
      const system = definition.system ?? null;
      queues.set(name, {
        queue: {
          service,
          name,
          deadLetterName: `${name}.dead-letter`,
          handler: definition as HandlerDefinition,
          system,
          policy: system ? policies.for(system) : timeoutPolicy(policies.defaultTimeoutMs),
          concurrency: definition.concurrency ?? defaultConcurrency,
        },
        retry: { ...defaults, ...definition.retry },
      });
    },

    async start() {
      if (started) return;
      started = true;
      // pg-boss migrates its schema on start; the queue registry and breaker reports live in the platform's.
      await migratePlatform(client);
      await boss.start();
      for (const { queue, retry: retryOptions } of queues.values()) {
        await queueSetupPolicy.execute(() => ensureQueue(boss, queue, retryOptions));
      }
      await registerQueues(
        platformDb,
        [...queues.values()].map(({ queue }) => ({
          name: queue.name,
          deadLetterName: queue.deadLetterName,
          service,
          queue: queue.handler.queue,
          system: queue.system,
        })),
      );
      stopTasks.push(reportBreakers(client, platformDb, policies, log));
      await instances.register(instanceId, service, heartbeat.deadAfterSeconds);
      const wake = (queue: string) => workers.get(queue)?.wake();
      stopTasks.push(keepBeating(instances, { id: instanceId, service, heartbeat }, boss, wake, log));
      const dependencies = {
        boss,
        store,
        db,
        syncStatus,
        logger: log,
        pollIntervalMs: options.pollIntervalMs ?? 2000,
        claims: instances.claimsOf(instanceId),
      };
      for (const { queue } of queues.values()) workers.set(queue.name, startQueueWorker(queue, dependencies));
      stopTasks.push(await listen(client, EVENTS_CHANNEL, wakeTopic), reportBacklog(backlog));
    },

    async stop() {
      if (!started) return;
      started = false;
      await Promise.all([...workers.values()].map((worker) => worker.stop()));
      workers.clear();
      for (const stopTask of stopTasks.splice(0)) await stopTask();
      await instances.deregister(instanceId);
      await boss.stop({ close: false, graceful: true, wait: true });
    },

    async publish(transaction, events) {
      if (!started) throw new Error('The job runtime must be started before it publishes');
      const topics = [...new Set(events.map(({ event }) => event.topic))];
      const subscribers = await jobStore(transaction, bossSchema).subscribersOf(topics);
      const queuesOf = (produced: ProducedEvent) => subscribers.get(produced.event.topic) ?? [];
      const jobs = events.flatMap((produced) =>
        queuesOf(produced).map((name) => ({ id: produced.event.eventId, name, data: jobData(produced) })),
      );
      if (jobs.length > 0) await boss.insert(jobs, { db: transaction });
      return events.map(queuesOf);
    },

    async enqueue(queueName, job) {
      const queue = queues.get(`${service}.${queueName}`)?.queue;
      if (!queue) throw new Error(`No handler is defined for queue ${queueName}`);
      const eventId = job.id ?? newId();
      if (job.id && (await boss.getJobById(queue.name, job.id, { includeArchive: true }))) return null;
      const data: JobData = {
        eventId,
        topic: null,
        entityId: job.entityId,
        payload: job.payload,
        occurredAt: new Date().toISOString(),
        traceContext: currentTraceCarrier(),
      };
      const id = await boss.send(queue.name, data, { id: eventId });
      await announceOperationsChanges(db, [{ topic: 'SYNC_JOBS', system: queue.system, recordId: job.entityId }]);
      workers.get(queue.name)?.wake();
      return id;
    },

    async replayDeadLetter(id) {
      const outcome = await operations.replayDeadLetter(id);
      if (outcome.replayed) workers.get(outcome.queue.name)?.wake();
      return { replayed: outcome.replayed };
    },

    listJobs: (args) => operations.listJobs(args),
    deadLetters: (args) => operations.deadLetters(args),
    queueBacklogs: (matches) => operations.queueBacklogs(matches),

    async systemSummaries() {
      const backlogs = await operations.backlogs();
      return backlogs.map((backlog) => ({ ...backlog, breaker: policies.for(backlog.system).summary() }));
    },
  };
}
