import { beforeEach, expect } from 'vitest';

// A test that asserts nothing passes whatever the code does: every test must check something.
beforeEach(() => {
  expect.hasAssertions();
});

// A nightly reconciliation starting in the middle of a test would add jobs and findings it does not
// expect; tests of the schedule set their own clock and times.
process.env.RECONCILIATION_SCHEDULE ??= 'off';
