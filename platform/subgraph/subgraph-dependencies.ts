import type { BackingSystemEndpoints, Environment } from '../config.ts';
import type { FieldCipher } from '../crypto/field-encryption.ts';
import type { DatabaseClient } from '../db/client.ts';
import type { Database } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { BackingSystemPolicies } from '../resilience/system-policies.ts';

/** What a process gives each subgraph it serves. */
export interface SubgraphDependencies {
  readonly db: Database;
  readonly client: DatabaseClient;
  /** The process's live domain events, for subscriptions. */
  readonly events: EventBus;
  /** Encryption of sensitive fields at rest. */
  readonly cipher: FieldCipher;
  /** Where the backing systems are (webhook handlers call back into them), and their webhook key. */
  readonly systems: BackingSystemEndpoints;
  readonly environment: Environment;
  /** The process's breaker and timeout per backing system, which webhook handlers share with the jobs. */
  readonly policies: BackingSystemPolicies;
}
