import type { Database } from '@procuregraph/platform/db/database';
import type { UserCaller } from '@procuregraph/platform/auth/tokens';
import type { EventBus } from '@procuregraph/platform/events/bus';
import type { InvoicingLoaders } from './loaders.ts';

export interface InvoicingContext {
  readonly caller: UserCaller;
  readonly db: Database;
  /** Live domain events, for subscriptions. */
  readonly events: EventBus;
  readonly loaders: InvoicingLoaders;
  /** MATCH_PRICE_TOLERANCE_PCT: how far an invoiced unit price may stray from the order's, in percent. */
  readonly priceTolerancePct: number;
}
