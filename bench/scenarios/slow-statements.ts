import { closeDatabaseClient, executeSql, openDatabaseClient } from '@procuregraph/platform/db';
import { withServer } from '../database.ts';
import { databases } from '../config.ts';

/**
 * Where the Debian PostgreSQL package writes the server log (logging_collector off). Read
 * through `pg_read_file` (the bench connects as a superuser), so nothing outside SQL is needed.
 */
const SERVER_LOG = '/var/log/postgresql/postgresql-15-main.log';
const THRESHOLD_MS = 20;

export interface SlowStatement {
  sql: string;
  executions: number;
  meanMs: number;
  maxMs: number;
  plan: string;
}

/**
 * Logs every statement slower than 20 ms on one database (sessions opened afterwards pick it
 * up); returns where the log stood, or null when the log cannot be read here.
 */
export async function logSlowStatements(database: string): Promise<number | null> {
  return withServer(async (server) => {
    await executeSql(server, `alter database ${database} set log_min_duration_statement = ${THRESHOLD_MS}`);
    try {
      const [row] = await executeSql<{ size: string }>(server, `select size::text from pg_stat_file($1)`, [SERVER_LOG]);
      return Number(row!.size);
    } catch {
      return null;
    }
  });
}

interface Logged {
  sql: string;
  durations: number[];
  parameters: (string | null)[];
}

const DURATION = / \S+@(\S+) LOG: {2}duration: ([\d.]+) ms {2}(?:execute [^:]*|statement): ([\s\S]*)$/;
const PARAMETERS = / DETAIL: {2}parameters: (.*)$/;

function parseParameters(text: string): (string | null)[] {
  return [...text.matchAll(/\$\d+ = (NULL|'((?:[^']|'')*)')/g)].map((match) =>
    match[1] === 'NULL' ? null : match[2]!.replaceAll("''", "'"),
  );
}

/** Log entries: the server writes a multi-line statement's further lines each after a tab. */
function logEntries(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('\t') && entries.length > 0) entries[entries.length - 1] += `\n${line.slice(1)}`;
    else entries.push(line);
  }
  return entries;
}

/**
 * The slow statements on `database` in the log text, grouped by text, with the parameters each
 * first ran with. The job queue's own housekeeping (pg-boss) is left out: it is not the operations'.
 */
function parseLog(text: string, database: string): Logged[] {
  const byText = new Map<string, Logged>();
  let awaitingParameters: Logged | undefined;
  for (const entry of logEntries(text)) {
    const duration = DURATION.exec(entry);
    if (duration && duration[1] === database && !/pgboss\./i.test(duration[3]!)) {
      const sql = duration[3]!;
      const logged = byText.get(sql) ?? { sql, durations: [], parameters: [] };
      awaitingParameters = byText.has(sql) ? undefined : logged;
      logged.durations.push(Number(duration[2]));
      byText.set(sql, logged);
      continue;
    }
    const parameters = PARAMETERS.exec(entry);
    if (parameters && awaitingParameters) awaitingParameters.parameters = parseParameters(parameters[1]!);
    awaitingParameters = undefined;
  }
  return [...byText.values()];
}

/**
 * Stops logging, reads what was logged, and runs EXPLAIN (ANALYZE, BUFFERS) on the `top`
 * statements by total time, with the parameters they first ran with.
 */
export async function explainSlowStatements(database: string, offset: number | null, top = 5): Promise<SlowStatement[]> {
  const logged = await withServer(async (server) => {
    await executeSql(server, `alter database ${database} reset log_min_duration_statement`);
    if (offset === null) return [];
    const [row] = await executeSql<{ text: string }>(server, `select pg_read_file($1, $2, (pg_stat_file($1)).size - $2) as text`, [
      SERVER_LOG,
      offset,
    ]);
    return parseLog(row!.text, database);
  });
  const total = (entry: Logged) => entry.durations.reduce((sum, ms) => sum + ms, 0);
  const slowest = logged.sort((a, b) => total(b) - total(a)).slice(0, top);
  const client = await openDatabaseClient({ url: databases.url(database), maxConnections: 1 });
  try {
    const explained: SlowStatement[] = [];
    for (const entry of slowest) {
      // Writes are not run again: their plan is trivial and a second run would change the data.
      const plan = /^\s*(select|with)\b/i.test(entry.sql)
        ? await executeSql<{ 'QUERY PLAN': string }>(client, `explain (analyze, buffers) ${entry.sql}`, entry.parameters).then(
            (rows) => rows.map((row) => row['QUERY PLAN']).join('\n'),
            (error: Error) => `EXPLAIN failed: ${error.message}`,
          )
        : 'A write or transaction control: not run again.';
      explained.push({
        sql: entry.sql,
        executions: entry.durations.length,
        meanMs: total(entry) / entry.durations.length,
        maxMs: Math.max(...entry.durations),
        plan,
      });
    }
    return explained;
  } finally {
    await closeDatabaseClient(client);
  }
}
