import type { Database } from '@procuregraph/platform/db/database';
import type { UserCaller } from '@procuregraph/platform/auth/tokens';
import type { ContractsLoaders } from './loaders.ts';

export interface ContractsContext {
  readonly caller: UserCaller;
  readonly db: Database;
  readonly loaders: ContractsLoaders;
}
