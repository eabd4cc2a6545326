import type { Database } from '@procuregraph/platform/db/database';
import type { UserCaller } from '@procuregraph/platform/auth/tokens';
import type { SuppliersLoaders } from './loaders.ts';

export interface SuppliersContext {
  readonly caller: UserCaller;
  readonly db: Database;
  readonly loaders: SuppliersLoaders;
}
