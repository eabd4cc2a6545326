import type { RequestHandler } from 'express';
import type { ErpState } from './state.ts';

/** What every ERP route works on. */
export interface ErpContext {
  state: ErpState;
  /** Says the state changed, which schedules a snapshot save. */
  changed(): void;
  /** Middleware that makes a creating POST safe to retry with an `Idempotency-Key`. */
  idempotent: RequestHandler;
}
