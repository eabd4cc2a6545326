import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { DatabaseClient } from '../db/client.ts';
import { createServiceDatabase } from '../db/database.ts';
import { jobClaims, workerInstances } from '../db/platform-tables.ts';
import { withBossTransaction, type BossDatabase, type Row } from './boss-database.ts';

/**
 * pg-boss 10 has no job heartbeat: a job whose worker was killed stays active until it expires
 * (twice the call timeout, at least 30 s). Each job runtime therefore registers itself, beats
 * every few seconds, and records which jobs it runs; any runtime that finds an instance silent
 * for longer than that instance's own `deadAfterSeconds` fails its running jobs through pg-boss
 * (so the retry count and the dead-letter queue apply as for any failure) and lets them run
 * again at once.
 */
export interface WorkerHeartbeat {
  intervalSeconds: number;
  deadAfterSeconds: number;
}

/** A job a dead instance was running, now back in its queue (or dead-lettered if it was its last attempt). */
export interface HandedBackJob {
  queue: string;
  id: string;
  instanceId: string;
}

export interface JobClaims {
  /** Records that this instance runs these just-fetched jobs. */
  claim(queue: string, jobIds: string[]): Promise<void>;
  /** The job settled (or was postponed): it is no longer this instance's. */
  release(queue: string, jobId: string): Promise<void>;
}

/**
 * This process, to its runtimes: on PGlite every runtime is in one process, where a statement
 * stuck behind a long transaction delays every heartbeat at once and must not look like a death.
 */
const processId = randomUUID();

export function workerInstanceRegistry(client: DatabaseClient, bossDatabase: BossDatabase, bossSchema: string) {
  const db = createServiceDatabase(client, 'platform').db;
  const job = `${bossSchema}.job`;
  const silenceLimit = sql`now() - ${workerInstances.deadAfterSeconds} * interval '1 second'`;

  /** Fails the claimed runs of dead instances; rows are locked so a run fetched again meanwhile is left alone. */
  async function failInterrupted(boss: PgBoss, tx: BossDatabase, dead: Row[]): Promise<HandedBackJob[]> {
    const { rows } = await tx.executeSql(
      `SELECT j.name AS queue, j.id, c.instance_id AS "instanceId"
       FROM ${job} j JOIN platform.job_claims c ON j.name = c.queue AND j.id = c.job_id AND j.started_on = c.started_on
       WHERE c.instance_id = ANY($1::uuid[]) AND j.state = 'active'
       ORDER BY j.name, j.id
       FOR UPDATE OF j`,
      [dead.map((instance) => instance.id)],
    );
    const interrupted = rows.map((row) => ({ queue: String(row.queue), id: String(row.id), instanceId: String(row.instanceId) }));
    for (const instance of dead) {
      const message = `worker ${String(instance.host)} (pid ${String(instance.pid)}) stopped: no heartbeat since ${new Date(instance.heartbeatAt as string).toISOString()}`;
      for (const handed of interrupted.filter((each) => each.instanceId === instance.id)) {
        await boss.fail(handed.queue, handed.id, { message }, { db: tx });
      }
    }
    return interrupted;
  }

  return {
    async register(id: string, service: string, deadAfterSeconds: number): Promise<void> {
      await db
        .insert(workerInstances)
        .values({ id, service, bossSchema, processId, host: hostname(), pid: process.pid, deadAfterSeconds })
        .onConflictDoNothing();
    },

    /** Returns false when the instance was taken for dead meanwhile (its row is gone). */
    async beat(id: string): Promise<boolean> {
      const rows = await db
        .update(workerInstances)
        .set({ heartbeatAt: sql`now()` })
        .where(eq(workerInstances.id, id))
        .returning({ id: workerInstances.id });
      return rows.length > 0;
    },

    async anyDead(): Promise<boolean> {
      const rows = await db
        .select({ id: workerInstances.id })
        .from(workerInstances)
        .where(
          and(
            eq(workerInstances.bossSchema, bossSchema),
            ne(workerInstances.processId, processId),
            lt(workerInstances.heartbeatAt, silenceLimit),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    /** A clean stop: the instance's jobs are all settled, so its claims go with it. */
    async deregister(id: string): Promise<void> {
      await db.delete(workerInstances).where(eq(workerInstances.id, id));
    },

    claimsOf(instanceId: string): JobClaims {
      return {
        async claim(queue, jobIds) {
          // pg-boss's own start of each run (to the microsecond), read from the job row.
          await bossDatabase.executeSql(
            `INSERT INTO platform.job_claims (queue, job_id, instance_id, started_on)
             SELECT name, id, $3, started_on FROM ${job} WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'
             ON CONFLICT (queue, job_id) DO UPDATE SET instance_id = excluded.instance_id, started_on = excluded.started_on`,
            [queue, jobIds, instanceId],
          );
        },
        async release(queue, jobId) {
          await db
            .delete(jobClaims)
            .where(and(eq(jobClaims.queue, queue), eq(jobClaims.jobId, jobId), eq(jobClaims.instanceId, instanceId)));
        },
      };
    },

    /**
     * Hands the running jobs of every instance of this schema silent for its `deadAfterSeconds`
     * back to their queues, in one transaction: their claimed runs are failed through pg-boss, those
     * with attempts left may start at once, and the instances are deleted (their claims with them).
     * Instances another runtime is handing back at the same moment are skipped, so each run is
     * failed once.
     */
    async handBackJobsOfDead(boss: PgBoss): Promise<HandedBackJob[]> {
      return withBossTransaction(client, async (tx) => {
        const { rows: dead } = await tx.executeSql(
          `SELECT id, host, pid, heartbeat_at AS "heartbeatAt" FROM platform.worker_instances
           WHERE boss_schema = $1 AND process_id <> $2 AND heartbeat_at < now() - dead_after_seconds * interval '1 second'
           FOR UPDATE SKIP LOCKED`,
          [bossSchema, processId],
        );
        if (dead.length === 0) return [];
        const interrupted = await failInterrupted(boss, tx, dead);
        // pg-boss would wait out its retry backoff; the failure was the worker's, not the backing system's.
        await tx.executeSql(
          `UPDATE ${job} SET start_after = now()
           WHERE (name, id) IN (SELECT * FROM unnest($1::text[], $2::uuid[])) AND state = 'retry'`,
          [interrupted.map((handed) => handed.queue), interrupted.map((handed) => handed.id)],
        );
        await tx.executeSql(`DELETE FROM platform.worker_instances WHERE id = ANY($1::uuid[])`, [dead.map((instance) => instance.id)]);
        return interrupted;
      });
    },
  };
}

export type WorkerInstanceRegistry = ReturnType<typeof workerInstanceRegistry>;
