import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { HttpError, sendError, type ErrorShape } from './errors.ts';
import { parseInput } from './validation.ts';

/** A fault for some POSTs to one path: the first `after` pass untouched, the next `count` get it. Counted down. */
export interface PostFault {
  path: string;
  count: number;
  after: number;
}

/** The failures a reference system is told to fake, so retries, breakers and outage handling meet real HTTP. */
export interface FaultSettings {
  outage: boolean;
  errorRate: number;
  latencyMs: number;
  /**
   * POSTs carried out, then their answer lost: the connection closes with no response, as when a
   * proxy times out after the system committed.
   */
  lostResponses: PostFault | null;
  /** POSTs refused with 503 and not carried out: an outage as those calls see it, the rest untouched. */
  unavailable: PostFault | null;
}

export const noFaults: FaultSettings = { outage: false, errorRate: 0, latencyMs: 0, lostResponses: null, unavailable: null };

const postFault = z
  .object({ path: z.string().startsWith('/'), count: z.number().int().min(1), after: z.number().int().min(0).default(0) })
  .strict()
  .nullable()
  .default(null);

// Each POST replaces the whole setting, so `{}` is the documented way to clear every fault.
const faultsBody = z
  .object({
    outage: z.boolean().default(false),
    errorRate: z.number().min(0).max(1).default(0),
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    lostResponses: postFault,
    unavailable: postFault,
  })
  .strict();

const ADMIN_PREFIX = '/admin/';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counts this request against the fault when it is a POST to its path: true when it is one the fault is for. */
function hits(fault: PostFault | null, request: Request): boolean {
  if (!fault || fault.count === 0 || request.method !== 'POST' || request.path !== fault.path) return false;
  if (fault.after > 0) {
    fault.after -= 1;
    return false;
  }
  fault.count -= 1;
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
    if (hits(faults.unavailable, request))
      return sendError(response, shape, new HttpError(503, shape.unavailableCode, 'The service is unavailable (simulated outage).'));
    if (hits(faults.lostResponses, request)) loseResponse(response);
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
