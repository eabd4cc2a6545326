import type { Database } from '@procuregraph/platform/db';
import type { UserCaller } from '@procuregraph/platform/auth';
import type { ContractsLoaders } from './loaders.ts';

export interface ContractsContext {
  readonly caller: UserCaller;
  readonly db: Database;
  readonly loaders: ContractsLoaders;
}
