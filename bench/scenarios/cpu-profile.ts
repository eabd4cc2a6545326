import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from '@procuregraph/platform/config';
import { benchDataDir } from '../config.ts';
import { measureLoad } from '../load.ts';
import type { ProcuregraphProcess, ProcuregraphTarget } from '../targets/procuregraph.ts';

export interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

/** Where a process's CPU went while something drove it. */
export interface CpuProfileSummary {
  /** Seconds the driving took. */
  seconds: number;
  /** CPU-busy milliseconds sampled (idle excluded). */
  sampledMs: number;
  byPackage: ProfileEntry[];
  byFunction: ProfileEntry[];
  file: string;
}

/** A process under the load of one operation. */
export interface LoadProfile extends CpuProfileSummary {
  /** The gateway's profile was the only one before the subgraph's was taken too. */
  process?: ProcuregraphProcess;
  operation: string;
  connections: number;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export const profileDirectory = join(benchDataDir, 'profiles');

/** Frames of this checkout's own files, wherever it is cloned. */
const ownCode = `${pathToFileURL(repositoryRoot).href}/`;

/** Where a frame's code comes from: an npm package, our own workspace, Node itself, or the idle/GC/program pseudo-frames. */
function origin(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  if (url.startsWith('node:')) return 'node core';
  // The processes run the built bundles (dist/gateway.js, dist/subgraph-process.js): the file is the finest origin.
  return url.startsWith(ownCode) ? `procuregraph ${url.slice(ownCode.length)}` : url;
}

function top(totals: Map<string, number>, sampledMs: number, count: number): ProfileEntry[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / sampledMs }));
}

/**
 * Self time per package and per function, from a V8 .cpuprofile's samples taken in the window
 * (profile clock, microseconds) when the load ran: start-up and shutdown are left out.
 */
function summarise(
  profile: CpuProfile,
  window: { from: number; to: number },
): { sampledMs: number; byPackage: ProfileEntry[]; byFunction: ProfileEntry[] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let sampledMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    at += profile.timeDeltas[index] ?? 0;
    if (at < window.from || at > window.to) return;
    const frame = nodes.get(id)!.callFrame;
    // Shares are of busy time: idle samples say the event loop waited (on subgraphs, on the network).
    if (frame.functionName === '(idle)') return;
    sampledMs += ms;
    const from = origin(frame.url, frame.functionName);
    byPackage.set(from, (byPackage.get(from) ?? 0) + ms);
    const name =
      `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(ownCode, '')}:${frame.lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  return { sampledMs, byPackage: top(byPackage, sampledMs, 15), byFunction: top(byFunction, sampledMs, 20) };
}

/** Node names profiles CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main one (others are logger workers). */
function readProfile(directory: string, name: string): { path: string; profile: CpuProfile } {
  const file = readdirSync(directory).find((entry) => /\.0\.\d+\.cpuprofile$/.test(entry));
  if (!file) throw new Error(`${name} wrote no CPU profile in ${directory}`);
  const path = join(directory, file);
  return { path, profile: JSON.parse(readFileSync(path, 'utf8')) as CpuProfile };
}

/**
 * Restarts each of Procuregraph's `processes` under `--cpu-prof`, runs `warmUp` (work through the
 * restarted processes, so that what is summarised is not their first, unoptimised calls) then
 * `drive`, stops them (which writes their profiles) and starts them again unprofiled. Only the
 * samples taken while `drive` ran are summarised, per process.
 */
export async function profileDuring<P extends ProcuregraphProcess>(
  target: ProcuregraphTarget,
  name: string,
  processes: readonly P[],
  drive: () => Promise<unknown>,
  warmUp: () => Promise<unknown> = async () => undefined,
): Promise<Record<P, CpuProfileSummary>> {
  const directory = (member: P) => join(profileDirectory, name, member);
  rmSync(join(profileDirectory, name), { recursive: true, force: true });
  for (const member of processes) {
    await target.stop(member);
    await target.start(member, ['--cpu-prof', `--cpu-prof-dir=${directory(member)}`]);
  }
  let started = performance.now();
  // The processes run unprofiled again whatever the driving did; its failure is reported after.
  const failure = await warmUp()
    .then(() => {
      started = performance.now();
      return drive();
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  const ended = performance.now();
  const exited = new Map<P, number>();
  for (const member of processes) {
    await target.stop(member);
    exited.set(member, performance.now());
    await target.start(member, []);
  }
  if (failure) throw failure;
  const summaries = processes.map((member) => {
    const { path, profile } = readProfile(directory(member), member);
    // The profile ends when the process exits: count back from there to when the driving ran.
    const exit = exited.get(member)!;
    const window = { from: profile.endTime - (exit - started) * 1000, to: profile.endTime - (exit - ended) * 1000 };
    return [member, { seconds: (ended - started) / 1000, ...summarise(profile, window), file: path }] as const;
  });
  return Object.fromEntries(summaries) as Record<P, CpuProfileSummary>;
}

/** A process profiled while `connections` clients send `url` one operation's bodies in turn. */
export async function profileUnderLoad(
  target: ProcuregraphTarget,
  member: ProcuregraphProcess,
  request: { url: string; operation: string; bodies: readonly string[]; headers: () => Promise<Record<string, string>> },
  connections: number,
  seconds: number,
): Promise<LoadProfile> {
  const headers = await request.headers();
  const profiles = await profileDuring(target, `load-${member}`, [member], () =>
    measureLoad({ url: request.url, headers, bodies: request.bodies }, connections, seconds),
  );
  return { process: member, operation: request.operation, connections, ...profiles[member] };
}
