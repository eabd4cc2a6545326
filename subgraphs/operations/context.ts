import type { UserCaller } from '@procuregraph/platform/auth/tokens';
import type { Database } from '@procuregraph/platform/db/database';
import type { JobOperations } from '@procuregraph/platform/jobs/job-operations';

export interface OperationsContext {
  readonly caller: UserCaller;
  /** The platform schema: breaker reports (and, beside them, the audit log). */
  readonly db: Database;
  readonly jobs: JobOperations;
}
