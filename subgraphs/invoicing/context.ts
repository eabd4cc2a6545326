import type { Database } from '@procuregraph/platform/db/database';
import type { UserCaller } from '@procuregraph/platform/auth/tokens';
import type { InvoicingLoaders } from './loaders.ts';

export interface InvoicingContext {
  readonly caller: UserCaller;
  readonly db: Database;
  readonly loaders: InvoicingLoaders;
}
