import { beforeEach, expect } from 'vitest';

// A test that asserts nothing passes whatever the code does: every test must check something.
beforeEach(() => {
  expect.hasAssertions();
});
