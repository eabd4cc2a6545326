import { count, desc, eq, lt } from 'drizzle-orm';
import { type Database, type Queryable, newId } from '@procuregraph/platform/db';
import type { PageRequest } from '@procuregraph/platform/graphql';
import { describeError } from '@procuregraph/platform/resilience';
import { exclusionListRuns, type ExclusionListRunRow, type ExclusionListRunTrigger } from '../db/tables.ts';
import type { ExclusionScreening } from '../screening/exclusion-screening.ts';
import { reloadAndRescreen } from '../screening/rescreen.ts';

/**
 * Reloads the exclusion list and screens every current supplier against it, recorded as a run:
 * RUNNING while it works, then COMPLETED with its counts, or FAILED with why (a list that cannot
 * be read leaves the previous one in force).
 */
export async function runExclusionListReload(
  db: Database,
  screening: ExclusionScreening,
  trigger: ExclusionListRunTrigger,
): Promise<ExclusionListRunRow> {
  const [run] = await db.insert(exclusionListRuns).values({ id: newId(), trigger, source: screening.source, state: 'RUNNING' }).returning();
  let finished: Partial<ExclusionListRunRow>;
  try {
    const summary = await reloadAndRescreen(db, screening);
    finished = {
      state: 'COMPLETED',
      entries: summary.entries,
      checked: summary.screened,
      potentialMatches: summary.potentialMatches,
      excluded: summary.excluded,
      newlyExcluded: summary.newlyExcluded,
      reinstated: summary.reinstated,
      putOnHold: summary.putOnHold,
    };
  } catch (error) {
    finished = { state: 'FAILED', error: describeError(error) };
  }
  const [updated] = await db
    .update(exclusionListRuns)
    .set({ ...finished, finishedAt: new Date() })
    .where(eq(exclusionListRuns.id, run!.id))
    .returning();
  return updated!;
}

/** Newest first: the run that matters is the latest one. */
export function listExclusionListRuns(db: Queryable, page: PageRequest) {
  const before = page.afterId ? lt(exclusionListRuns.id, page.afterId) : undefined;
  return db
    .select()
    .from(exclusionListRuns)
    .where(before)
    .orderBy(desc(exclusionListRuns.id))
    .limit(page.limit + 1);
}

export async function countExclusionListRuns(db: Queryable): Promise<number> {
  const [row] = await db.select({ total: count() }).from(exclusionListRuns);
  return row?.total ?? 0;
}
