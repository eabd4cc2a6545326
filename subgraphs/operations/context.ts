import type { UserCaller } from '@procuregraph/platform/auth';
import type { Database } from '@procuregraph/platform/db';
import type { JobOperations } from '@procuregraph/platform/jobs';

export interface OperationsContext {
  readonly caller: UserCaller;
  /** The platform schema: breaker reports (and, beside them, the audit log). */
  readonly db: Database;
  readonly jobs: JobOperations;
}
