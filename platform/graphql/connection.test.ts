import { describe, expect, it } from 'vitest';
import type { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, pageRequest, toConnection, MAX_PAGE_SIZE } from './connection.ts';

const ID_A = '0190a000-0000-7000-8000-00000000000a';
const ID_B = '0190a000-0000-7000-8000-00000000000b';
const ID_C = '0190a000-0000-7000-8000-00000000000c';

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions.code;
  }
  return 'no error';
}

describe('cursors', () => {
  it('round-trips an id through an opaque cursor of its list', () => {
    const cursor = encodeCursor('Supplier', ID_A);
    expect(cursor).not.toContain(ID_A);
    expect(decodeCursor('Supplier', cursor)).toBe(ID_A);
  });

  it('refuses a cursor of another list, garbage, and a cursor without a valid id', () => {
    expect(codeOf(() => decodeCursor('Invoice', encodeCursor('Supplier', ID_A)))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor('Supplier', 'not-a-cursor'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor('Supplier', encodeCursor('Supplier', 'abc')))).toBe('BAD_USER_INPUT');
  });
});

describe('page requests', () => {
  it('defaults to 50 and accepts 0 through the maximum', () => {
    expect(pageRequest('Supplier', {})).toEqual({ limit: 50, afterId: null });
    expect(pageRequest('Supplier', { first: 0 }).limit).toBe(0);
    expect(pageRequest('Supplier', { first: MAX_PAGE_SIZE }).limit).toBe(200);
  });

  it('refuses a negative or oversized first', () => {
    expect(codeOf(() => pageRequest('Supplier', { first: -1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => pageRequest('Supplier', { first: 201 }))).toBe('BAD_USER_INPUT');
  });
});

describe('connections', () => {
  const rows = [{ id: ID_A }, { id: ID_B }, { id: ID_C }];

  it('uses the extra row only to tell that there is a next page', async () => {
    const connection = toConnection('Supplier', rows, { limit: 2, afterId: null }, async () => 7);
    expect(connection.nodes).toEqual([{ id: ID_A }, { id: ID_B }]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor('Supplier', ID_A),
      endCursor: encodeCursor('Supplier', ID_B),
    });
    expect(await connection.totalCount()).toBe(7);
  });

  it('ends on the last page and reports an empty page without cursors', () => {
    const last = toConnection('Supplier', rows.slice(2), { limit: 2, afterId: ID_B }, async () => 3);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const empty = toConnection('Supplier', [], { limit: 2, afterId: ID_C }, async () => 3);
    expect(empty.edges).toEqual([]);
    expect(empty.pageInfo.endCursor).toBeNull();
  });
});
