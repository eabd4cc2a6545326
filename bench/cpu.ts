import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import type { WatchedProcess } from './memory.ts';

/** The kernel's clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export const POSTGRES = 'PostgreSQL';

/** CPU used so far, in ms, by each watched process, and by each PostgreSQL server process by pid. */
export interface CpuSnapshot {
  readonly processes: ReadonlyMap<string, number>;
  readonly postgres: ReadonlyMap<number, number>;
}

/** User + system CPU a process has used since it started, in ms; undefined once it has exited. */
async function cpuMsOf(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

async function postgresPids(): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const named = await Promise.all(
    pids.map(async (pid) => ((await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() === 'postgres' ? pid : 0)),
  );
  return named.filter((pid) => pid > 0);
}

export async function cpuSnapshot(watched: readonly WatchedProcess[]): Promise<CpuSnapshot> {
  const processes = new Map<string, number>();
  for (const { name, pid } of watched) processes.set(name, (await cpuMsOf(pid)) ?? 0);
  const postgres = new Map<number, number>();
  for (const pid of await postgresPids()) postgres.set(pid, (await cpuMsOf(pid)) ?? 0);
  return { processes, postgres };
}

/**
 * CPU ms per completed request of each watched process, and of the PostgreSQL server as a whole,
 * between two snapshots. A PostgreSQL backend that exited in between is not counted (the pools
 * keep theirs open through a measurement, so this loses little).
 */
export function cpuMsPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): Record<string, number> {
  if (requests <= 0) return {};
  const perRequest: Record<string, number> = {};
  for (const [name, ms] of after.processes) perRequest[name] = (ms - (before.processes.get(name) ?? ms)) / requests;
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  perRequest[POSTGRES] = postgres / requests;
  return perRequest;
}
