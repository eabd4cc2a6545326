import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics.ts';

const labelNames = ['service', 'queue', 'system'] as const;

export const jobsCompletedTotal = new Counter({
  name: 'jobs_completed_total',
  help: 'Jobs whose handler succeeded, by service, queue and backing system.',
  labelNames,
  registers: [metricsRegistry],
});

export const jobsFailedTotal = new Counter({
  name: 'jobs_failed_total',
  help: 'Failed job attempts (each one is retried or dead-lettered), by service, queue and backing system.',
  labelNames,
  registers: [metricsRegistry],
});

export const jobsDeadLetteredTotal = new Counter({
  name: 'jobs_dead_lettered_total',
  help: 'Jobs that landed in the dead-letter queue, by service, queue and backing system.',
  labelNames,
  registers: [metricsRegistry],
});

export const jobsPostponedTotal = new Counter({
  name: 'jobs_postponed_total',
  help: 'Jobs put back without spending an attempt because their backing system circuit was open.',
  labelNames,
  registers: [metricsRegistry],
});

export const jobDurationSeconds = new Histogram({
  name: 'job_duration_seconds',
  help: 'Time one attempt of a job took, by service, queue and backing system.',
  labelNames,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

type BacklogSource = () => Promise<Array<{ service: string; queue: string; system: string; count: number }>>;

const backlogSources = new Set<BacklogSource>();

/** Jobs waiting to run (created or waiting for a retry), read from the database on each scrape. */
export const jobsBacklog = new Gauge({
  name: 'jobs_backlog',
  help: 'Jobs waiting to run, by service, queue and backing system.',
  labelNames,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const source of backlogSources) {
      for (const { count, ...labels } of await source().catch(() => [])) this.set(labels, count);
    }
  },
});

/** Each running job runtime reports its queues' backlog; the returned function stops reporting. */
export function reportBacklog(source: BacklogSource): () => void {
  backlogSources.add(source);
  return () => backlogSources.delete(source);
}
