import type { RequestHandler } from 'express';
import type { WebhookDispatcher } from '@procuregraph/reference-http';
import type { ErpState } from './state.ts';

/** What every ERP route works on. */
export interface ErpContext {
  state: ErpState;
  /** Says the state changed, which schedules a snapshot save. */
  changed(): void;
  /** Middleware that makes a creating POST safe to retry with an `Idempotency-Key`. */
  idempotent: RequestHandler;
  /** Pushes each business event, as it is recorded, to the subscribed endpoint. */
  webhooks: WebhookDispatcher;
}
