import { describe, expect, it } from 'vitest';
import { EntityCache, fetchEntities, isCacheableEntityFetch, type EntityResponse } from './entity-cache.ts';

/*
 * The entity cache on its own: which representations reach the subgraph, in what order the
 * answer lists them, what is kept, and what makes it forget.
 */
const QUERY = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Supplier{__typename legalName}}}';
const alice = JSON.stringify([{ sub: 'alice', role: 'finance' }, null]);
const bob = JSON.stringify([{ sub: 'bob', role: 'finance' }, null]);
const supplier = (id: string) => ({ __typename: 'Supplier', id });
const answer = (id: string) => ({ __typename: 'Supplier', legalName: `Legal ${id}` });

/** A subgraph that answers each representation by id, recording what it was asked. */
function subgraph(options: { failing?: string } = {}) {
  const asked: string[][] = [];
  const fetchMissing = async (representations: unknown[]): Promise<EntityResponse> => {
    const ids = representations.map((representation) => (representation as { id: string }).id);
    asked.push(ids);
    const failing = ids.indexOf(options.failing ?? '');
    return {
      data: { _entities: ids.map((id) => (id === options.failing ? null : answer(id))) },
      ...(failing >= 0 ? { errors: [{ path: ['_entities', failing, 'legalName'] }] } : {}),
    };
  };
  return { asked, fetchMissing };
}

function fetchOf(ids: string[], scope = alice) {
  return { subgraph: 'suppliers', scope, request: { query: QUERY, variables: { representations: ids.map(supplier) } } };
}

describe('entity cache', () => {
  it('asks the subgraph only for the entities it does not hold, and answers in the order asked', async () => {
    const cache = new EntityCache(new Set(['suppliers']), 1 << 20);
    const { asked, fetchMissing } = subgraph();
    await fetchEntities(cache, fetchOf(['a', 'b']), fetchMissing);
    const second = await fetchEntities(cache, fetchOf(['c', 'b', 'a', 'd']), fetchMissing);
    expect(asked).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(second.data?._entities).toEqual([answer('c'), answer('b'), answer('a'), answer('d')]);
    const third = await fetchEntities(cache, fetchOf(['d', 'a']), fetchMissing);
    expect(asked).toHaveLength(2);
    expect(third).toEqual({ data: { _entities: [answer('d'), answer('a')] } });
    expect(cache.stats()).toMatchObject({ entries: 4, hits: 4, misses: 4 });
  });

  it('hands out copies: changing an answer does not change what is kept', async () => {
    const cache = new EntityCache(new Set(['suppliers']), 1 << 20);
    const { fetchMissing } = subgraph();
    const first = await fetchEntities(cache, fetchOf(['a']), fetchMissing);
    (first.data!._entities as { legalName: string }[])[0]!.legalName = 'merged into a result';
    const again = await fetchEntities(cache, fetchOf(['a']), fetchMissing);
    expect(again.data?._entities).toEqual([answer('a')]);
  });

  it('keeps each caller scope apart', async () => {
    const cache = new EntityCache(new Set(['suppliers']), 1 << 20);
    const { asked, fetchMissing } = subgraph();
    await fetchEntities(cache, fetchOf(['a'], alice), fetchMissing);
    await fetchEntities(cache, fetchOf(['a'], bob), fetchMissing);
    expect(asked).toEqual([['a'], ['a']]);
  });

  it("points an error at the entity's place in the whole fetch, and keeps no entity that failed", async () => {
    const cache = new EntityCache(new Set(['suppliers']), 1 << 20);
    const { asked, fetchMissing } = subgraph({ failing: 'c' });
    await fetchEntities(cache, fetchOf(['a']), fetchMissing);
    const answered = await fetchEntities(cache, fetchOf(['a', 'b', 'c']), fetchMissing);
    expect(answered.errors).toEqual([{ path: ['_entities', 2, 'legalName'] }]);
    expect(answered.data?._entities).toEqual([answer('a'), answer('b'), null]);
    await fetchEntities(cache, fetchOf(['b', 'c']), fetchMissing);
    expect(asked).toEqual([['a'], ['b', 'c'], ['c']]);
  });

  it('forgets a subgraph at once when it changes, also what a fetch begun before the change read', async () => {
    const cache = new EntityCache(new Set(['suppliers', 'invoicing']), 1 << 20);
    const { asked, fetchMissing } = subgraph();
    await fetchEntities(cache, fetchOf(['a']), fetchMissing);
    cache.invalidate('invoicing');
    await fetchEntities(cache, fetchOf(['a']), fetchMissing);
    expect(asked).toEqual([['a']]);
    cache.invalidate('suppliers');
    await fetchEntities(cache, fetchOf(['a']), fetchMissing);
    expect(asked).toEqual([['a'], ['a']]);

    // A change committed while the subgraph was answering: what it answered may predate it.
    await fetchEntities(cache, fetchOf(['b']), async (representations) => {
      const response = await fetchMissing(representations);
      cache.invalidate('suppliers');
      return response;
    });
    await fetchEntities(cache, fetchOf(['b']), fetchMissing);
    expect(asked).toEqual([['a'], ['a'], ['b'], ['b']]);
  });

  it('stays within its size, dropping the least recently used', async () => {
    const cache = new EntityCache(new Set(['suppliers']), 2_000);
    const { fetchMissing } = subgraph();
    for (let index = 0; index < 100; index++) await fetchEntities(cache, fetchOf([`supplier-${index}`]), fetchMissing);
    const { entries, bytes } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(2_000);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(100);
  });

  it('caches entity fetches only, and none that selects an audited field or a journey', () => {
    const variables = { representations: [supplier('a')] };
    expect(isCacheableEntityFetch({ query: QUERY, variables })).toBe(true);
    expect(isCacheableEntityFetch({ query: QUERY.replace('legalName', 'bankAccount{accountNumberMasked}'), variables })).toBe(false);
    expect(isCacheableEntityFetch({ query: QUERY.replace('legalName', 'taxIdMasked'), variables })).toBe(false);
    expect(isCacheableEntityFetch({ query: QUERY.replace('legalName', 'journey{steps{action}}'), variables })).toBe(false);
    expect(isCacheableEntityFetch({ query: '{suppliers(first:1){nodes{id}}}', variables: {} })).toBe(false);
  });

  it('refuses an answer that does not list one entity per representation asked', async () => {
    const cache = new EntityCache(new Set(['suppliers']), 1 << 20);
    await expect(fetchEntities(cache, fetchOf(['a', 'b']), async () => ({ data: { _entities: [answer('a')] } }))).rejects.toThrow(
      'Subgraph suppliers answered 1 entities for 2 representations',
    );
    expect(cache.stats().entries).toBe(0);
  });

  it('caches nothing of a subgraph whose changes are not announced', async () => {
    const cache = new EntityCache(new Set(['invoicing']), 1 << 20);
    const { asked, fetchMissing } = subgraph();
    await fetchEntities(cache, fetchOf(['a']), fetchMissing);
    expect(cache.covers('suppliers')).toBe(false);
    expect(cache.stats().entries).toBe(0);
    expect(asked).toEqual([['a']]);
  });
});
