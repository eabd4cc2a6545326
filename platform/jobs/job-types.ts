import type { BackingSystem } from '../db/integration-tables.ts';
import type { TraceCarrier } from '../tracing/trace-context.ts';

export type JobPayload = Record<string, unknown>;

/** What every job carries: the event (or direct request) that caused it and the record it concerns. */
export interface JobData<Payload extends JobPayload = JobPayload> {
  /** The outbox event id, or the id given to `enqueue`: the job's identity across retries and replays. */
  eventId: string;
  topic: string | null;
  /** The record whose synchronization the job performs; its sync status is kept under this id. */
  entityId: string;
  payload: Payload;
  occurredAt: string;
  /** The trace context of whatever queued the job (the relay's span, or the caller of `enqueue`); absent on jobs queued before tracing existed. */
  traceContext?: TraceCarrier | null;
}

export interface JobContext<Payload extends JobPayload = JobPayload> extends JobData<Payload> {
  jobId: string;
  queue: string;
  system: BackingSystem | null;
  /** 1 on the first run; postponements while a circuit was open do not count. */
  attempt: number;
  /**
   * The same for every run of this job, replays included: send it with any remote create
   * (e.g. an `Idempotency-Key` header) so a retried or duplicated run never creates twice.
   */
  idempotencyKey: string;
  /** Aborted when the call's timeout expires. */
  signal: AbortSignal;
}

export interface RetryOptions {
  /** Attempts after the first one; the job is then dead-lettered. */
  limit: number;
  /**
   * Base of pg-boss's exponential backoff, in whole seconds: the n-th retry waits between
   * delay·2ⁿ⁻¹ and delay·2ⁿ (half fixed, half random), so the longest wait is delay·2^limit.
   */
  delaySeconds: number;
  /**
   * After this long pg-boss fails an active job and retries it, whether or not its worker still
   * runs it (a killed worker's jobs are handed back sooner, by the runtimes' heartbeat).
   * Must exceed the call timeout; defaults to twice the timeout, at least 30 s.
   */
  expireInSeconds?: number;
}

export interface HandlerDefinition<Payload extends JobPayload = JobPayload> {
  /** Unique within the service; the pg-boss queue is `<service>.<queue>`. */
  queue: string;
  /** The outbox topic whose events become jobs of this queue (from any service's relay). */
  topic?: string;
  /** The backing system the handler calls: its breaker and timeout apply, and its sync status is kept. */
  system?: BackingSystem;
  /** Jobs of this queue that run at once in this process. */
  concurrency?: number;
  /**
   * True for housekeeping (a purge, say) whose jobs concern no record: their attempts are no
   * record's journey steps, so none are written under the id they were queued with.
   */
  recordless?: boolean;
  retry?: Partial<RetryOptions>;
  handler(job: JobContext<Payload>): Promise<void>;
}
