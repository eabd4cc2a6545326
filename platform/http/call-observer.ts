import { AsyncLocalStorage } from 'node:async_hooks';

/** One outgoing call, as the code that wanted to know about it sees it. */
export interface ObservedCall {
  /** `POST /suppliers/{id}/child/addresses`: the method and path with ids left out, so calls of one kind read alike. */
  action: string;
  startedAt: Date;
  durationMs: number;
  /** The failure's message; null when the call succeeded. */
  error: string | null;
}

const observers = new AsyncLocalStorage<(call: ObservedCall) => void>();

/** Runs `work`, handing every call the JSON client makes inside it to `observe` (a job collects its calls for the journey). */
export function observingCalls<T>(observe: (call: ObservedCall) => void, work: () => Promise<T>): Promise<T> {
  return observers.run(observe, work);
}

/** A path segment with a digit is an id (`12345`, `reg_d20a…`, a UUID), except an API version (`v1`, `11.13.18.05`). */
function isIdSegment(segment: string): boolean {
  return /\d/.test(segment) && !/^v\d+$/.test(segment) && !/^\d+(\.\d+)+$/.test(segment);
}

function callAction(method: string, url: string): string {
  const path = new URL(url).pathname
    .split('/')
    .map((segment) => (isIdSegment(segment) ? '{id}' : segment))
    .join('/');
  return `${method} ${path}`;
}

/** Times `call` and reports it to the observer of the work it runs in, if any. */
export async function observed<T>(method: string, url: string, call: () => Promise<T>): Promise<T> {
  const observe = observers.getStore();
  if (!observe) return call();
  const startedAt = new Date();
  const report = (error: string | null) =>
    observe({ action: callAction(method, url), startedAt, durationMs: Date.now() - startedAt.getTime(), error });
  try {
    const result = await call();
    report(null);
    return result;
  } catch (error) {
    report(error instanceof Error ? error.message : String(error));
    throw error;
  }
}
