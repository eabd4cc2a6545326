import { isBrokenCircuitError, isIsolatedCircuitError } from 'cockatiel';

/**
 * A failure that retrying cannot fix (the remote rejected the payload itself): the job goes
 * straight to the dead letters, and the circuit breaker does not count it against the system.
 */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}

/** A backing system answered with a non-2xx status; connectors throw this so it can be classified. */
export class RemoteHttpError extends Error {
  override readonly name = 'RemoteHttpError';

  constructor(
    readonly status: number,
    message: string,
    /** The answer's `Retry-After` header: the remote telling us when to come back. */
    readonly retryAfter: string | null = null,
  ) {
    super(message);
  }
}

/**
 * 408 and 429 are the remote asking us to come back later, and so is a 409 with `Retry-After`
 * (the same idempotency key while the first request is still being handled); every other 4xx
 * rejects the request itself.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof PermanentError) return true;
  if (!(error instanceof RemoteHttpError)) return false;
  if (error.status === 409 && error.retryAfter !== null) return false;
  return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/** The call was refused without reaching the remote because its circuit is open. */
export function isCircuitOpen(error: unknown): boolean {
  return isBrokenCircuitError(error) || isIsolatedCircuitError(error);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
