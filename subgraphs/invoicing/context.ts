import type { Database } from '@procuregraph/platform/db';
import type { UserCaller } from '@procuregraph/platform/auth';
import type { EventBus } from '@procuregraph/platform/events';
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
