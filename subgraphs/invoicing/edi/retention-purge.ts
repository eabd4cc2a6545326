import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { and, isNotNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { ediFolders } from '@procuregraph/platform/config';
import { businessNow } from '@procuregraph/platform/business';
import { deterministicId, ediDocuments, type Database } from '@procuregraph/platform/db';
import type { JobContext, JobRuntime } from '@procuregraph/platform/jobs';
import type { Logger } from '@procuregraph/platform/logging';
import { describeError } from '@procuregraph/platform/resilience';
import type { BackgroundWork, WorkerContext } from '@procuregraph/platform/subgraph';

export const RETENTION_PURGE_QUEUE = 'edi-retention-purge';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const purgePayload = z.object({ cutoff: z.iso.datetime() });

/** Archived files last changed before the cutoff (stamped when archived), deleted; how many. */
async function deleteArchivedBefore(folder: string, cutoff: Date): Promise<number> {
  const names = await readdir(folder).catch(() => [] as string[]);
  let deleted = 0;
  for (const name of names) {
    const path = join(folder, name);
    const found = await stat(path).catch(() => null);
    if (!found?.isFile() || found.mtime >= cutoff) continue;
    await rm(path, { force: true });
    deleted += 1;
  }
  return deleted;
}

/**
 * The job behind the retention schedule: the raw content of every document received or sent
 * before the cutoff is cleared (the row, its status, errors and links stay), and the archived
 * files (processed/ and rejected/ beside the drop folder) older than it are deleted. Running it again, or twice at once, changes nothing more.
 */
function purgeRetainedContent(db: Database, archives: string[], logger: Logger) {
  return async (job: JobContext): Promise<void> => {
    const cutoff = new Date(purgePayload.parse(job.payload).cutoff);
    const purged = await db
      .update(ediDocuments)
      .set({ content: null })
      .where(and(lt(ediDocuments.receivedAt, cutoff), isNotNull(ediDocuments.content)))
      .returning({ id: ediDocuments.id });
    let files = 0;
    for (const archive of archives) files += await deleteArchivedBefore(archive, cutoff);
    logger.info({ cutoff: cutoff.toISOString(), documents: purged.length, files }, 'EDI content past retention purged');
  };
}

/**
 * The purge job of the interval `now` falls in: its id is the interval's start, so every process
 * queuing it in that interval queues the same job, which pg-boss keeps once. The cutoff is taken
 * from the business clock, so tests can move time.
 */
function purgeJob(now: Date, settings: PurgeSettings) {
  const intervalMs = settings.intervalHours * HOUR_MS;
  const intervalStart = new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
  const id = deterministicId(intervalStart, 0, 0);
  const cutoff = new Date(now.getTime() - settings.retentionDays * DAY_MS);
  return { id, entityId: id, payload: { cutoff: cutoff.toISOString() } };
}

interface PurgeSettings {
  retentionDays: number;
  intervalHours: number;
}

/**
 * Queues the purge at start and every interval. pg-boss's cron is off in this runtime (as for the
 * other scheduled work), so each process's timer sends the job of the current interval, and one
 * purge runs per interval however many processes run invoicing. The purge itself is a durable
 * job, retried like any other.
 */
function retentionPurgeSchedule(jobs: Pick<JobRuntime, 'enqueue'>, settings: PurgeSettings, logger: Logger): BackgroundWork {
  let timer: NodeJS.Timeout | undefined;
  let queued: Promise<unknown> = Promise.resolve();
  const queue = () => {
    queued = jobs
      .enqueue(RETENTION_PURGE_QUEUE, purgeJob(businessNow(), settings))
      .catch((error: unknown) => logger.error({ error: describeError(error) }, 'EDI retention purge could not be queued'));
  };
  return {
    start: async () => {
      queue();
      timer = setInterval(queue, settings.intervalHours * HOUR_MS);
    },
    stop: async () => {
      clearInterval(timer);
      await queued;
    },
  };
}

/** The purge of EDI content past EDI_RETENTION_DAYS: its handler defined on the process's jobs, and its schedule. */
export function ediRetentionPurge(context: Pick<WorkerContext, 'db' | 'jobs' | 'environment' | 'logger'>): BackgroundWork {
  const { db, jobs, environment, logger } = context;
  const folders = ediFolders(environment);
  jobs.defineHandler({
    queue: RETENTION_PURGE_QUEUE,
    recordless: true,
    handler: purgeRetainedContent(db, [folders.processed, folders.rejected], logger),
  });
  const settings = { retentionDays: environment.EDI_RETENTION_DAYS, intervalHours: environment.EDI_PURGE_INTERVAL_HOURS };
  return retentionPurgeSchedule(jobs, settings, logger);
}
