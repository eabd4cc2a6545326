import type { Database } from '@procuregraph/platform/db';
import type { UserCaller } from '@procuregraph/platform/auth';
import type { ProcurementLoaders } from './loaders.ts';

export interface ProcurementContext {
  readonly caller: UserCaller;
  readonly db: Database;
  readonly loaders: ProcurementLoaders;
}
