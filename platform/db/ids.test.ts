import { describe, expect, it } from 'vitest';
import { deterministicId, isUuid, newId } from './ids.ts';

describe('ids', () => {
  const at = new Date('2026-11-01T12:00:00.000Z');

  it('makes reproducible, valid, time-ordered UUIDv7s for demo data', () => {
    const id = deterministicId(at, 7, 3);
    expect(deterministicId(at, 7, 3)).toBe(id);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(deterministicId(new Date(at.getTime() - 1), 99_999, 9) < id).toBe(true);
  });

  it('keeps ids apart that differ only in namespace or in a high sequence bit', () => {
    const ids = new Set([
      deterministicId(at, 1, 1),
      deterministicId(at, 1, 2),
      deterministicId(at, 1, 1 << 20),
      deterministicId(at, 1 + (1 << 15), 1),
      deterministicId(at, 1 + 2 ** 31, 1),
    ]);
    expect(ids.size).toBe(5);
  });

  it('makes new ids that sort after earlier ones', () => {
    expect(deterministicId(at, 0, 0) < newId()).toBe(true);
    expect(isUuid('not-an-id')).toBe(false);
  });
});
