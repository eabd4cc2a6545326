import type { RequestHandler } from 'express';
import type { ClmState } from './state.ts';

/** What every contract-repository route works on. */
export interface ClmContext {
  state: ClmState;
  /** Says the state changed, which schedules a snapshot save. */
  changed(): void;
  /** Middleware that makes a creating POST safe to retry with an `Idempotency-Key`. */
  idempotent: RequestHandler;
}
