import { randomBytes } from 'node:crypto';
import { readEnvironment, type BackingSystemEndpoints } from '@procuregraph/platform/config';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { type DatabaseClient, type Database } from '@procuregraph/platform/db';
import type { EventBus } from '@procuregraph/platform/events';
import { BackingSystemPolicies } from '@procuregraph/platform/resilience';
import type { SubgraphDependencies } from '@procuregraph/platform/subgraph';

/** What a process gives a subgraph, for a test that builds one subgraph by itself. */
export function testSubgraphDependencies(parts: {
  db: Database;
  client: DatabaseClient;
  events: EventBus;
  systems?: Partial<BackingSystemEndpoints>;
  environment?: NodeJS.ProcessEnv;
}): SubgraphDependencies {
  return {
    db: parts.db,
    client: parts.client,
    events: parts.events,
    cipher: createFieldCipher(randomBytes(32)),
    environment: readEnvironment({ ...parts.environment }),
    policies: new BackingSystemPolicies(),
    systems: {
      erpUrl: 'http://127.0.0.1:9/unused',
      vendorPlatformUrl: 'http://127.0.0.1:9/unused',
      contractRepositoryUrl: 'http://127.0.0.1:9/unused',
      vendorPlatformWebhookSecret: randomBytes(16).toString('hex'),
      ...parts.systems,
    },
  };
}
