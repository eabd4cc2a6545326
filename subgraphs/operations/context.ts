import type { UserCaller } from '@procuregraph/platform/auth';
import type { Database } from '@procuregraph/platform/db';
import type { EventBus } from '@procuregraph/platform/events';
import type { JobOperations } from '@procuregraph/platform/jobs';
import type { StoredPart } from '@procuregraph/platform/reconciliation';
import type DataLoader from 'dataloader';

export interface OperationsContext {
  readonly caller: UserCaller;
  /** The platform schema: breaker reports (and, beside them, the audit log). */
  readonly db: Database;
  readonly jobs: JobOperations;
  /** Live domain events, for drift alerts. */
  readonly events: EventBus;
  /** EDI_ACKNOWLEDGMENT_DEADLINE_HOURS: how long a partner has to answer what we send with a 997. */
  readonly ediAcknowledgmentDeadlineHours: number;
  /** The parts of the runs one request lists, read in one query (the console lists 20 runs on each refresh). */
  readonly runParts: DataLoader<string, StoredPart[]>;
}
