import { join } from 'node:path';
import { readEnvironment } from '@procuregraph/platform/config';
import { closeOnSignal } from '@procuregraph/platform/process';
import { startTracing } from '@procuregraph/platform/tracing';
import { createWorld, type World } from '@procuregraph/demo';
import { type RunningSystem, systemLogger } from './service.ts';

export interface StandaloneOptions {
  port: number;
  host: string;
  storageFile: string;
  world: World;
}

function readPort(fallback: number): number {
  const text = process.env.PORT;
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${JSON.stringify(text)}`);
  return port;
}

/**
 * Runs one system as its own process: `PORT` and `HOST` override, data under
 * `$DATA_DIR/systems/` (`.data/systems/` by default), seeded from the default demo world on
 * first start, stopped cleanly (snapshot flushed) on SIGINT/SIGTERM.
 */
export async function runStandalone(
  name: string,
  defaultPort: number,
  start: (options: StandaloneOptions) => Promise<RunningSystem>,
): Promise<void> {
  const logger = systemLogger(name);
  const environment = readEnvironment();
  const tracing = startTracing(environment, `reference-${name}`);
  const system = await start({
    port: readPort(defaultPort),
    host: process.env.HOST ?? '127.0.0.1',
    storageFile: join(environment.DATA_DIR, 'systems', `${name}.json`),
    // Generated lazily: only iterated when the store is empty.
    world: createWorld({ scale: 'default' }),
  });
  closeOnSignal(async () => {
    await system.close();
    await tracing.shutdown();
  }, logger);
}
