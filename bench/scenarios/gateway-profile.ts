import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchDataDir } from '../config.ts';
import { measureLoad } from '../load.ts';
import type { ProcuregraphTarget } from '../targets/procuregraph.ts';

export interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

/** Where the gateway's CPU went while something drove it. */
export interface CpuProfileSummary {
  /** Seconds the driving took. */
  seconds: number;
  /** CPU-busy milliseconds sampled (idle excluded). */
  sampledMs: number;
  byPackage: ProfileEntry[];
  byFunction: ProfileEntry[];
  file: string;
}

/** The gateway under the load of one operation. */
export interface GatewayProfile extends CpuProfileSummary {
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

/** Where a frame's code comes from: an npm package, our own workspace, Node itself, or the idle/GC/program pseudo-frames. */
function origin(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'native'})`;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  if (url.startsWith('node:')) return 'node core';
  const workspace = /\/work\/main\/([^/]+)\//.exec(url) ?? /\/([^/]+)\/[^/]+\.ts$/.exec(url);
  return workspace ? `procuregraph ${workspace[1]}` : url;
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
      `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/main\//, '')}:${frame.lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  return { sampledMs, byPackage: top(byPackage, sampledMs, 15), byFunction: top(byFunction, sampledMs, 20) };
}

/**
 * Restarts Procuregraph's gateway under `--cpu-prof`, runs `drive`, stops the gateway (which
 * writes the profile) and starts it again unprofiled. Only the samples taken while `drive` ran are
 * summarised.
 */
export async function profileGatewayDuring(
  target: ProcuregraphTarget,
  name: string,
  drive: () => Promise<unknown>,
): Promise<CpuProfileSummary> {
  const directory = join(profileDirectory, name);
  rmSync(directory, { recursive: true, force: true });
  await target.stopGateway();
  await target.startGateway(['--cpu-prof', `--cpu-prof-dir=${directory}`]);
  const started = performance.now();
  // The gateway runs unprofiled again whatever the driving did; its failure is reported after.
  const failure = await drive().then(
    () => undefined,
    (error: unknown) => error,
  );
  const ended = performance.now();
  await target.stopGateway();
  const exited = performance.now();
  await target.startGateway([]);
  if (failure) throw failure;
  // Node names profiles CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main one (others are logger workers).
  const file = readdirSync(directory).find((entry) => /\.0\.\d+\.cpuprofile$/.test(entry));
  if (!file) throw new Error(`The gateway wrote no CPU profile in ${directory}`);
  const path = join(directory, file);
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  // The profile ends when the process exits: count back from there to when the driving ran.
  const window = { from: profile.endTime - (exited - started) * 1000, to: profile.endTime - (exited - ended) * 1000 };
  return { seconds: (ended - started) / 1000, ...summarise(profile, window), file: path };
}

/** The gateway profiled while `connections` clients send one operation's bodies in turn. */
export async function profileGateway(
  target: ProcuregraphTarget,
  request: { operation: string; bodies: readonly string[]; headers: () => Promise<Record<string, string>> },
  connections: number,
  seconds: number,
): Promise<GatewayProfile> {
  const headers = await request.headers();
  const summary = await profileGatewayDuring(target, 'load', () =>
    measureLoad({ url: target.graphqlUrl, headers, bodies: request.bodies }, connections, seconds),
  );
  return { operation: request.operation, connections, ...summary };
}
