import { residentMiB } from './processes.ts';

export interface WatchedProcess {
  readonly name: string;
  readonly pid: number;
}

/** Resident memory of each process, in MiB, at one moment. */
export async function residentNow(processes: readonly WatchedProcess[]): Promise<Record<string, number>> {
  const entries = await Promise.all(processes.map(async (watched) => [watched.name, await residentMiB(watched.pid)] as const));
  return Object.fromEntries(entries);
}

/** Samples resident memory every `intervalMs` while load runs; `stop` returns each process's peak. */
export function samplePeakResident(processes: readonly WatchedProcess[], intervalMs = 500): { stop(): Promise<Record<string, number>> } {
  const peaks: Record<string, number> = {};
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    sampling = residentNow(processes).then((now) => {
      for (const [name, mib] of Object.entries(now)) peaks[name] = Math.max(peaks[name] ?? 0, mib);
    });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await sampling;
      return peaks;
    },
  };
}
