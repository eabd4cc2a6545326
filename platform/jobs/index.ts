// The public entry of platform/jobs: what other workspaces may import.
export { bossDatabase } from './boss-database.ts';
export { jobSender } from './job-sender.ts';
export {
  createJobOperations,
  type DeadLetterSummary,
  type JobOperations,
  type JobSummary,
  type QueueBacklog,
  type SystemBacklog,
} from './job-operations.ts';
export type { JobState } from './job-store.ts';
export type { JobContext, RetryOptions } from './job-types.ts';
export type { JobRuntime } from './runtime.ts';
export { markSyncPending, recordSyncState } from './sync-status.ts';
