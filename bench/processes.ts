import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { benchDataDir } from './config.ts';

/** A server under test running as its own Node process (so its memory and CPU are its own). */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export const logDirectory = join(benchDataDir, 'logs');

const running = new Set<ServiceProcess>();

/** Stops every process still running, last started first: the run's cleanup, also after a failure. */
export async function stopAllServices(): Promise<void> {
  for (const service of [...running].reverse()) await service.stop();
}

/**
 * Starts `node <script>` directly (not through npm or the tsx CLI, which would put a wrapper
 * process in between and hide the server's pid), logging to bench/.data/logs/<name>.log. A `.ts`
 * script (the peers, the subscriber clients) runs with the tsx loader; Procuregraph's own processes
 * are the production build's `dist/*.js`, run as production runs them.
 */
export interface ServiceCommand {
  script: string;
  args?: string[];
  env: Record<string, string>;
  nodeOptions?: string[];
}

export function startService(name: string, command: ServiceCommand): ServiceProcess {
  mkdirSync(logDirectory, { recursive: true });
  const log = createWriteStream(join(logDirectory, `${name}.log`), { flags: 'a' });
  const loader = command.script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(command.nodeOptions ?? []), ...loader, command.script, ...(command.args ?? [])], {
    cwd: repositoryRoot,
    env: { ...process.env, LOG_LEVEL: 'warn', ...command.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const service: ServiceProcess = {
    name,
    pid: child.pid!,
    child,
    stop: async () => {
      await stopChild(child);
      running.delete(service);
    },
  };
  running.add(service);
  return service;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Waits until `url` answers HTTP at all (or, with `ready`, answers 200), or fails naming the
 * process and its log when it exits or takes too long.
 */
export async function waitUntilServing(service: ServiceProcess, url: string, { ready = false, timeoutMs = 120_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited with ${service.child.exitCode}; see ${join(logDirectory, `${service.name}.log`)}`);
    try {
      const response = await fetch(url);
      if (!ready || response.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${service.name} did not serve ${url} within ${timeoutMs} ms; see ${join(logDirectory, `${service.name}.log`)}`);
}

/** Resident set size of a process, in MiB, from /proc (Linux). */
export async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kib / 1024;
}

/** The 1-minute load average, recorded beside every section because the machine is shared. */
export async function loadAverage(): Promise<number> {
  return Number((await readFile('/proc/loadavg', 'utf8')).split(' ')[0]);
}
