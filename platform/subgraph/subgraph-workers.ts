import type { BackingSystemEndpoints, Environment } from '../config.ts';
import type { DatabaseClient } from '../db/client.ts';
import type { Database } from '../db/database.ts';
import type { FieldCipher } from '../crypto/field-encryption.ts';
import type { Logger } from '../logging.ts';
import { createOutboxRelay } from '../outbox/relay.ts';
import type { BackingSystemPolicies } from '../resilience/system-policies.ts';
import { createJobRuntime, type JobRuntime } from '../jobs/runtime.ts';
import { reportFeedLag } from '../inbound/feed-lag.ts';

/**
 * What a subgraph's background work is given: its database, its job runtime, the systems it syncs
 * with, the process's configuration, and the breakers and timeouts every call to a backing
 * system goes through (one set per process, so an outage seen by one workflow holds back all).
 */
export interface WorkerContext {
  readonly service: string;
  readonly client: DatabaseClient;
  readonly db: Database;
  readonly jobs: JobRuntime;
  readonly systems: BackingSystemEndpoints;
  readonly environment: Environment;
  readonly policies: BackingSystemPolicies;
  readonly cipher: FieldCipher;
  readonly logger: Logger;
}

/** Feed pollers and timers a subgraph runs beside its job handlers. */
export interface BackgroundWork {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A subgraph defines its job handlers on `context.jobs` and returns what else must run. */
export type RegisterWorkers = (context: WorkerContext) => BackgroundWork[];

export interface RunningWorkers {
  readonly jobs: JobRuntime;
  stop(): Promise<void>;
}

/**
 * Starts one subgraph's durable machinery: its handlers on a job runtime, the relay that turns its
 * committed outbox rows into jobs and live notifications, and its other background work.
 */
export async function startSubgraphWorkers(
  register: RegisterWorkers | undefined,
  context: Omit<WorkerContext, 'jobs'>,
): Promise<RunningWorkers> {
  const jobs = createJobRuntime({
    client: context.client,
    service: context.service,
    logger: context.logger,
    policies: context.policies,
    heartbeat: context.environment.workerHeartbeat,
  });
  const background = register ? register({ ...context, jobs }) : [];
  await jobs.start();
  const relay = createOutboxRelay({ client: context.client, service: context.service, jobs, logger: context.logger });
  await relay.start();
  for (const work of background) await work.start();
  const stopReportingLag = reportFeedLag(jobs);
  return {
    jobs,
    stop: async () => {
      stopReportingLag();
      for (const work of background) await work.stop();
      await relay.stop();
      await jobs.stop();
    },
  };
}
