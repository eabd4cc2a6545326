import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { HttpError, sendError, type ErrorShape } from './errors.ts';
import { parseInput } from './validation.ts';

/** The failures a reference system is told to fake, so retries, breakers and outage handling meet real HTTP. */
export interface FaultSettings {
  outage: boolean;
  errorRate: number;
  latencyMs: number;
  /**
   * The next `count` POSTs to `path` are carried out, then their answer is lost: the connection
   * closes with no response, as when a proxy times out after the system committed. Counted down.
   */
  lostResponses: { path: string; count: number } | null;
}

export const noFaults: FaultSettings = { outage: false, errorRate: 0, latencyMs: 0, lostResponses: null };

// Each POST replaces the whole setting, so `{}` is the documented way to clear every fault.
const faultsBody = z
  .object({
    outage: z.boolean().default(false),
    errorRate: z.number().min(0).max(1).default(0),
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    lostResponses: z
      .object({ path: z.string().startsWith('/'), count: z.number().int().min(1) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();

const ADMIN_PREFIX = '/admin/';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Takes one lost answer from the setting when this request is one of those it names. */
function takesLostResponse(faults: FaultSettings, request: Request): boolean {
  const lost = faults.lostResponses;
  if (!lost || lost.count === 0 || request.method !== 'POST' || request.path !== lost.path) return false;
  lost.count -= 1;
  return true;
}

/** Lets the request be carried out, and closes the connection instead of sending what it answers. */
function loseResponse(response: Response): void {
  response.json = () => {
    response.socket?.destroy();
    return response;
  };
}

/** Applies the current faults to every request except the `/admin/*` control endpoints. */
export function faultInjection(current: () => FaultSettings, shape: ErrorShape): RequestHandler {
  return async (request, response, next) => {
    if (request.path.startsWith(ADMIN_PREFIX)) return next();
    const faults = current();
    if (faults.latencyMs > 0) await delay(faults.latencyMs);
    if (faults.outage) {
      return sendError(response, shape, new HttpError(503, shape.unavailableCode, 'The service is unavailable (simulated outage).'));
    }
    if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
      return sendError(response, shape, new HttpError(500, shape.internalCode, 'An internal error occurred (simulated).'));
    }
    if (takesLostResponse(faults, request)) loseResponse(response);
    next();
  };
}

/** `GET` and `POST /admin/faults`: read or replace the fault settings. */
export function faultsRouter(settings: { get(): FaultSettings; set(next: FaultSettings): void }, shape: ErrorShape): Router {
  const router = Router();
  router.get('/admin/faults', (_request, response) => {
    response.json(settings.get());
  });
  router.post('/admin/faults', (request, response) => {
    settings.set(parseInput(faultsBody, request.body ?? {}, shape.invalidInputCode));
    response.json(settings.get());
  });
  return router;
}
