// The public entry of systems/http: what other workspaces may import.
export { isoDate } from './dates.ts';
export { driftable, driftRouter, numericKey, textKey, type DriftableResource } from './drift.ts';
export { HttpError, type ErrorShape } from './errors.ts';
export { appendEvent, emptyEventLog, readEventsAfter, type EventLog } from './event-log.ts';
export { idempotentCreate, type IdempotencyRecords } from './idempotency.ts';
export { lastFour, maskAllButLastFour } from './masking.ts';
export { readIntegerParam, readStringParam } from './query-params.ts';
export { startSystem, systemLogger, type RunningSystem } from './service.ts';
export { SnapshotStore } from './snapshot-store.ts';
export { runStandalone } from './standalone.ts';
export { Table } from './table.ts';
export { dateInput, decimalInput, parseInput } from './validation.ts';
export {
  DEFAULT_RETRY_DELAYS_MS,
  webhookAdminRouter,
  WebhookDispatcher,
  type Delivery,
  type OutgoingWebhook,
} from './webhook-dispatcher.ts';
