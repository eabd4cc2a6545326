import type { BossDatabase, Row } from './boss-database.ts';

/**
 * The few reads and writes on pg-boss's tables that pg-boss 10 has no API for: postponing a job
 * without counting an attempt, giving up on one at once, and the operator's listings. Everything
 * else (send, fetch, complete, fail, retry with backoff, dead-lettering) is pg-boss's own.
 */

export const jobStates = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

export interface StoredJob {
  id: string;
  queue: string;
  state: JobState;
  data: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  startAfter: Date;
  completedAt: Date | null;
}

export interface StoredDeadLetter {
  id: string;
  deadLetterQueue: string;
  data: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  deadLetteredAt: Date;
}

export interface QueueStateCount {
  queue: string;
  state: JobState;
  count: number;
}

export interface KeysetPage {
  limit: number;
  afterId: string | null;
}

// pg-boss's failure output is our `{ message }`, or `{ value: { message } }` for its own expiry.
const lastErrorExpression = `COALESCE(output->>'message', output->'value'->>'message')`;
const lastErrorColumn = `${lastErrorExpression} AS "lastError"`;

function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function toStoredJob(row: Row): StoredJob {
  return {
    id: String(row.id),
    queue: String(row.name),
    state: row.state as JobState,
    data: (row.data ?? {}) as Record<string, unknown>,
    attempts: Number(row.attempts),
    lastError: (row.lastError as string | null) ?? null,
    createdAt: asDate(row.createdAt),
    startAfter: asDate(row.startAfter),
    completedAt: row.completedAt == null ? null : asDate(row.completedAt),
  };
}

export function jobStore(db: BossDatabase, schema: string) {
  const job = `${schema}.job`;

  /** The queues subscribed to each of several topics, in one statement; a topic nobody subscribes to is absent. */
  async function subscribersOf(topics: readonly string[]): Promise<Map<string, string[]>> {
    const { rows } = await db.executeSql(
      `SELECT event, name FROM ${schema}.subscription WHERE event = ANY($1::text[]) ORDER BY event, name`,
      [topics],
    );
    const queues = new Map<string, string[]>();
    for (const row of rows) queues.set(String(row.event), [...(queues.get(String(row.event)) ?? []), String(row.name)]);
    return queues;
  }

  return {
    /**
     * Puts an active job back in the queue for later without spending an attempt: pg-boss
     * counts a retry when it fetches a job that has started before, so the count is stepped back.
     */
    async postpone(queue: string, id: string, delayMs: number): Promise<void> {
      await db.executeSql(
        `UPDATE ${job} SET state = 'retry',
           start_after = now() + $3::int * interval '1 millisecond',
           started_on = CASE WHEN retry_count = 0 THEN NULL ELSE started_on END,
           retry_count = GREATEST(retry_count - 1, 0)
         WHERE name = $1 AND id = $2 AND state = 'active'`,
        [queue, id, Math.ceil(delayMs)],
      );
    },

    /** Makes the next `fail` final, so pg-boss dead-letters the job instead of retrying it. */
    async exhaustRetries(queue: string, id: string): Promise<void> {
      await db.executeSql(`UPDATE ${job} SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND state = 'active'`, [queue, id]);
    },

    async list(queues: string[], states: readonly JobState[], page: KeysetPage): Promise<StoredJob[]> {
      const { rows } = await db.executeSql(
        `SELECT id, name, state::text AS state, data,
           retry_count + CASE WHEN started_on IS NULL THEN 0 ELSE 1 END AS attempts,
           ${lastErrorColumn},
           created_on AS "createdAt", start_after AS "startAfter", completed_on AS "completedAt"
         FROM ${job}
         WHERE name = ANY($1::text[]) AND state::text = ANY($2::text[]) AND ($3::uuid IS NULL OR id > $3::uuid)
         ORDER BY id LIMIT $4`,
        [queues, [...states], page.afterId, page.limit],
      );
      return rows.map(toStoredJob);
    },

    async find(queues: string[], id: string): Promise<StoredJob | null> {
      const { rows } = await db.executeSql(
        `SELECT id, name, state::text AS state, data,
           retry_count + CASE WHEN started_on IS NULL THEN 0 ELSE 1 END AS attempts,
           ${lastErrorColumn},
           created_on AS "createdAt", start_after AS "startAfter", completed_on AS "completedAt"
         FROM ${job} WHERE name = ANY($1::text[]) AND id = $2`,
        [queues, id],
      );
      return rows[0] ? toStoredJob(rows[0]) : null;
    },

    async count(queues: string[], states: readonly JobState[]): Promise<number> {
      const { rows } = await db.executeSql(
        `SELECT count(*)::int AS count FROM ${job} WHERE name = ANY($1::text[]) AND state::text = ANY($2::text[])`,
        [queues, [...states]],
      );
      return Number(rows[0]?.count ?? 0);
    },

    /** Dead letters waiting for a replay: pg-boss puts them in the dead-letter queue as new jobs. */
    async deadLetters(deadLetterQueues: string[], page: KeysetPage): Promise<StoredDeadLetter[]> {
      const { rows } = await db.executeSql(
        `SELECT id, name, data, retry_limit + 1 AS attempts, ${lastErrorColumn}, created_on AS "deadLetteredAt"
         FROM ${job}
         WHERE name = ANY($1::text[]) AND state = 'created' AND ($2::uuid IS NULL OR id > $2::uuid)
         ORDER BY id LIMIT $3`,
        [deadLetterQueues, page.afterId, page.limit],
      );
      return rows.map((row) => ({
        id: String(row.id),
        deadLetterQueue: String(row.name),
        data: (row.data ?? {}) as Record<string, unknown>,
        attempts: Number(row.attempts),
        lastError: (row.lastError as string | null) ?? null,
        deadLetteredAt: asDate(row.deadLetteredAt),
      }));
    },

    /** Takes a dead letter out of its queue; only the first caller gets it, so a replay happens once. */
    async claimDeadLetter(
      deadLetterQueues: string[],
      id: string,
    ): Promise<{ deadLetterQueue: string; data: Record<string, unknown> } | null> {
      const { rows } = await db.executeSql(
        `UPDATE ${job} SET state = 'cancelled', completed_on = now()
         WHERE name = ANY($1::text[]) AND id = $2 AND state = 'created'
         RETURNING name, data`,
        [deadLetterQueues, id],
      );
      const row = rows[0];
      return row ? { deadLetterQueue: String(row.name), data: (row.data ?? {}) as Record<string, unknown> } : null;
    },

    async stateCounts(queues: string[]): Promise<QueueStateCount[]> {
      const { rows } = await db.executeSql(
        `SELECT name, state::text AS state, count(*)::int AS count FROM ${job}
         WHERE name = ANY($1::text[]) GROUP BY name, state`,
        [queues],
      );
      return rows.map((row) => ({ queue: String(row.name), state: row.state as JobState, count: Number(row.count) }));
    },

    /** Jobs not done yet (waiting, retrying, running), per queue, with the oldest one's creation. */
    async unfinished(queues: string[]): Promise<Array<{ queue: string; count: number; oldestAt: Date }>> {
      const { rows } = await db.executeSql(
        `SELECT name, count(*)::int AS count, min(created_on) AS "oldestAt" FROM ${job}
         WHERE name = ANY($1::text[]) AND state::text = ANY($2::text[]) GROUP BY name`,
        [queues, ['created', 'retry', 'active']],
      );
      return rows.map((row) => ({ queue: String(row.name), count: Number(row.count), oldestAt: new Date(row.oldestAt as string | Date) }));
    },

    /**
     * Where the jobs of one record stand across queues: how many are not done yet (waiting,
     * retrying, running), and the error of the latest that failed for good (a failed job, or its
     * dead letter), if any.
     */
    async entityJobs(
      queues: string[],
      deadLetterQueues: string[],
      entityId: string,
    ): Promise<{ unfinished: number; lastFailure: string | null }> {
      const { rows } = await db.executeSql(
        `SELECT
           count(*) FILTER (WHERE name = ANY($1::text[]) AND state::text = ANY($3::text[]))::int AS unfinished,
           (array_agg(${lastErrorExpression} ORDER BY created_on DESC)
              FILTER (WHERE (name = ANY($1::text[]) AND state = 'failed') OR name = ANY($2::text[])))[1] AS "lastFailure"
         FROM ${job}
         WHERE (name = ANY($1::text[]) OR name = ANY($2::text[])) AND data->>'entityId' = $4`,
        [queues, deadLetterQueues, ['created', 'retry', 'active'], entityId],
      );
      return { unfinished: Number(rows[0]?.unfinished ?? 0), lastFailure: (rows[0]?.lastFailure as string | null | undefined) ?? null };
    },

    /** The queues subscribed to a topic (pg-boss's own table), read in the caller's transaction. */
    async subscribers(topic: string): Promise<string[]> {
      return (await subscribersOf([topic])).get(topic) ?? [];
    },

    subscribersOf,
  };
}

export type JobStore = ReturnType<typeof jobStore>;
