import express, { type Router } from 'express';
import { listen } from '@procuregraph/platform/http';
import { createLogger, type Logger } from '@procuregraph/platform/logging';
import { serverSpans } from '@procuregraph/platform/tracing';
import { errorHandler, notFoundHandler, type ErrorShape } from './errors.ts';
import { faultInjection, faultsRouter, noFaults, type FaultSettings } from './faults.ts';

export interface RunningSystem {
  /** Base URL, e.g. `http://127.0.0.1:4101`. */
  url: string;
  close(): Promise<void>;
}

export interface SystemDefinition {
  name: string;
  port: number;
  host?: string;
  shape: ErrorShape;
  routers: Router[];
  /** Runs after the server stopped accepting requests: flush snapshots, stop background work. */
  onClose(): Promise<void>;
}

export function systemLogger(name: string): Logger {
  return createLogger(`system:${name}`);
}

/**
 * Starts one reference system: fault injection first (so an outage refuses even unreadable
 * requests), then health, the fault controls, the system's own routes, and its error shape
 * for anything that goes wrong.
 */
export async function startSystem(definition: SystemDefinition): Promise<RunningSystem> {
  const logger = systemLogger(definition.name);
  let faults: FaultSettings = noFaults;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(faultInjection(() => faults, definition.shape));
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok', system: definition.name });
  });
  // Like a real system behind an instrumented proxy: each call is a server span in its caller's trace.
  app.use(serverSpans(`system:${definition.name}`));
  app.use(express.json({ limit: '2mb' }));
  app.use(faultsRouter({ get: () => faults, set: (next) => (faults = next) }, definition.shape));
  for (const router of definition.routers) app.use(router);
  app.use(notFoundHandler(definition.shape));
  app.use(errorHandler(definition.shape, logger));

  // Loopback unless told otherwise: these stand-ins have no authentication.
  const server = await listen(app, definition.port, definition.host ?? '127.0.0.1');
  logger.info({ url: server.url }, 'listening');

  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    close: () => {
      closing ??= server.close().then(() => definition.onClose());
      return closing;
    },
  };
}
