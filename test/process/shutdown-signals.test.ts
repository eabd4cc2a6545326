/** closeOnSignal (platform/process/shutdown.ts) in real processes: a signal echo is ignored, a second signal and a missed deadline exit 1. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from '@procuregraph/platform/config';
import { runProcess, type RunningProcess } from './running-process.ts';

/** A process whose close takes `closeMs` (never, when negative), ready once it prints "ready". */
function startClosable(closeMs: number, env: Record<string, string> = {}): RunningProcess {
  const shutdown = join(repositoryRoot, 'platform', 'process', 'shutdown.ts');
  const logging = join(repositoryRoot, 'platform', 'logging.ts');
  const config = join(repositoryRoot, 'platform', 'config.ts');
  const source = `
    const { closeOnSignal } = await import(${JSON.stringify(shutdown)});
    const { createLogger } = await import(${JSON.stringify(logging)});
    const { readEnvironment } = await import(${JSON.stringify(config)});
    const close = () => new Promise((resolve) => { if (${closeMs} >= 0) setTimeout(resolve, ${closeMs}); });
    closeOnSignal(close, createLogger('closable'), readEnvironment().SHUTDOWN_DEADLINE_MS);
    setInterval(() => {}, 1000);
    console.log('ready');`;
  return runProcess(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', source], env);
}

describe('closeOnSignal', () => {
  let running: RunningProcess | undefined;
  afterEach(() => running?.kill());

  it('takes a signal delivered twice at once (group and parent) as one stop request', async () => {
    running = startClosable(300);
    await running.waitFor(/ready/, 30_000);
    process.kill(running.pid, 'SIGINT');
    const exit = await running.stop('SIGINT');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(running.output()).toMatch(/"msg":"stopped cleanly"/);
    expect(running.output()).not.toMatch(/second signal/);
  });

  it('exits 1 at once on a second signal while closing', async () => {
    running = startClosable(-1);
    await running.waitFor(/ready/, 30_000);
    process.kill(running.pid, 'SIGTERM');
    await running.waitFor(/"msg":"shutting down"/, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 600)); // past the echo window
    const exit = await running.stop('SIGTERM');
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(exit.ms).toBeLessThan(5_000);
    expect(running.output()).toMatch(/"msg":"second signal: exiting without finishing shutdown"/);
  });

  it('exits 1 when closing outlasts SHUTDOWN_DEADLINE_MS', async () => {
    running = startClosable(-1, { SHUTDOWN_DEADLINE_MS: '500' });
    await running.waitFor(/ready/, 30_000);
    const exit = await running.stop('SIGTERM');
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(running.output()).toMatch(/"deadlineMs":500,"msg":"shutdown exceeded its deadline: exiting"/);
  });
});
