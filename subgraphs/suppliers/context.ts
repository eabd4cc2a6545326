import type { Database } from '@procuregraph/platform/db';
import type { UserCaller } from '@procuregraph/platform/auth';
import type { EventBus } from '@procuregraph/platform/events';
import type { SuppliersLoaders } from './loaders.ts';
import type { OnboardingDependencies } from './onboarding/onboard.ts';

export interface SuppliersContext {
  readonly caller: UserCaller;
  readonly db: Database;
  /** Live domain events, for subscriptions. */
  readonly events: EventBus;
  readonly loaders: SuppliersLoaders;
  /** What the onboarding mutations need. */
  readonly onboarding: OnboardingDependencies;
}
