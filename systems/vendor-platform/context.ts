import type { RequestHandler } from 'express';
import type { VendorState } from './state.ts';
import type { WebhookDispatcher } from '@procuregraph/reference-http';

/** What every vendor-platform route works on. */
export interface VendorContext {
  state: VendorState;
  /** Says the state changed, which schedules a snapshot save. */
  changed(): void;
  /** Middleware that makes a creating POST safe to retry with an `Idempotency-Key`. */
  idempotent: RequestHandler;
  webhooks: WebhookDispatcher;
}
