import { Gauge } from 'prom-client';
import { backingSystems, type BackingSystem } from '../db/integration-tables.ts';
import type { JobOperations } from '../jobs/job-operations.ts';
import { metricsRegistry } from '../metrics.ts';
import { feedSourceOf } from './inbound-queue.ts';

/**
 * How far one service is behind on one source's feed: the events it has read and not applied
 * (parked, waiting for a retry or, as dead letters, for a replay), and since when the oldest has
 * waited. A feed it cannot read at all shows in the system's circuit and the poller's log.
 */
export interface FeedLag {
  service: string;
  /** The source, e.g. `vendor-platform`. */
  feed: string;
  system: BackingSystem;
  eventsBehind: number;
  oldestUnappliedAt: Date | null;
}

/** `vendor-platform` → VENDOR_PLATFORM: sources are named after the systems they come from. */
export function systemOfSource(source: string): BackingSystem | null {
  const system = source.toUpperCase().replaceAll('-', '_');
  return (backingSystems as readonly string[]).includes(system) ? (system as BackingSystem) : null;
}

export async function feedLags(jobs: Pick<JobOperations, 'queueBacklogs'>): Promise<FeedLag[]> {
  const backlogs = await jobs.queueBacklogs((queue) => feedSourceOf(queue) !== null);
  return backlogs.flatMap((backlog) => {
    const feed = feedSourceOf(backlog.queue)!;
    const system = systemOfSource(feed);
    return system
      ? [{ service: backlog.service, feed, system, eventsBehind: backlog.unfinished, oldestUnappliedAt: backlog.oldestAt }]
      : [];
  });
}

const lagSources = new Set<() => Promise<FeedLag[]>>();

async function currentLags(): Promise<FeedLag[]> {
  const all = await Promise.all([...lagSources].map((source) => source().catch(() => [])));
  return all.flat();
}

const labelsOf = (lag: FeedLag) => ({ system: lag.system, feed: `${lag.service}/${lag.feed}` });

/** Read from the database on each scrape; `feed` is `<service>/<source>`, since each service follows its own cursor. */
export const feedLagEvents = new Gauge({
  name: 'procuregraph_feed_lag_events',
  help: 'Events read from a backing system feed and not applied yet (parked for a retry or a replay), per feed.',
  labelNames: ['system', 'feed'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const lag of await currentLags()) this.set(labelsOf(lag), lag.eventsBehind);
  },
});

export const feedLagSeconds = new Gauge({
  name: 'procuregraph_feed_lag_seconds',
  help: 'Age of the oldest event read from a backing system feed and not applied yet, per feed; 0 when none waits.',
  labelNames: ['system', 'feed'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const now = Date.now();
    for (const lag of await currentLags()) {
      this.set(labelsOf(lag), lag.oldestUnappliedAt ? Math.max(0, (now - lag.oldestUnappliedAt.getTime()) / 1000) : 0);
    }
  },
});

/** A job runtime's feeds are reported while it runs; the returned function stops that. */
export function reportFeedLag(jobs: Pick<JobOperations, 'queueBacklogs'>): () => void {
  const source = () => feedLags(jobs);
  lagSources.add(source);
  return () => lagSources.delete(source);
}
