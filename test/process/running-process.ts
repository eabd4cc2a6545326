import { spawn } from 'node:child_process';
import { repositoryRoot } from '@procuregraph/platform/config';
import { eventually } from '../harness.ts';

/** A command run as its own process group, as a terminal runs a foreground command. */
export interface RunningProcess {
  readonly pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output once it appears. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Sends `signal` to the whole group, as Ctrl-C does; resolves with how the command exited and how long after. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Kills what is left, for cleanup after a failed assertion. */
  kill(): void;
}

export function runProcess(command: string, args: readonly string[], env: Record<string, string | undefined>): RunningProcess {
  const child = spawn(command, args, {
    cwd: repositoryRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const pid = child.pid!;
  return {
    pid,
    output: () => output,
    waitFor: (pattern, timeoutMs) =>
      eventually(async () => pattern.exec(output) ?? undefined, timeoutMs, 100, `${pattern} in the output of ${command} ${args.join(' ')}`),
    async stop(signal) {
      const sentAt = Date.now();
      process.kill(-pid, signal);
      const result = await exited;
      return { ...result, ms: Date.now() - sentAt };
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-pid, 'SIGKILL');
    },
  };
}
