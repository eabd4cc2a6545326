// Test fixtures this workspace offers to other workspaces' tests and the bench; production code never imports them.
export { openFreshDatabase, type FreshDatabase } from './db/fixtures/fresh-database.ts';
export { describeValueChecks, migrateOverRows } from './db/fixtures/value-checks.ts';
export { describeExactCounts } from './db/fixtures/row-counters.ts';
export { databaseTargets } from './jobs/fixtures/test-database.ts';
export { startLoneRelay, type LoneRelay } from './outbox/fixtures/lone-relay.ts';
