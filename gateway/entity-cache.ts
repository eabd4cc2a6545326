import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Counter, Gauge } from 'prom-client';
import type { Environment } from '@procuregraph/platform/config';
import type { DatabaseClient } from '@procuregraph/platform/db';
import { metricsRegistry } from '@procuregraph/platform/metrics';

/**
 * Fields whose entity fetches are never cached: reads the subgraph records in its audit log
 * (bank details, tax ids: a cached answer would be a read nobody recorded), and journeys, which a
 * subgraph reads from the platform's schema, whose changes its change announcements do not cover.
 * `entity-cache.test.ts` checks the subgraphs' schemas against this list.
 */
export const UNCACHED_FIELDS: readonly string[] = ['bankAccount', 'taxIdMasked', 'journey'];
const uncachedField = new RegExp(`\\b(?:${UNCACHED_FIELDS.join('|')})\\b`);

/** Where the cache hears of changes, and its size. */
export interface EntityCacheSettings {
  readonly changes: DatabaseClient;
  readonly maxBytes: number;
}

/** The entity cache `ENTITY_CACHE_MB` asks for, hearing changes on `client`; none when it is 0 or there is no database. */
export function entityCacheFrom(environment: Environment, client: DatabaseClient | null): EntityCacheSettings | undefined {
  return client && environment.ENTITY_CACHE_MB > 0 ? { changes: client, maxBytes: environment.ENTITY_CACHE_MB * 2 ** 20 } : undefined;
}

export interface EntityCacheStats {
  readonly entries: number;
  readonly bytes: number;
  readonly hits: number;
  readonly misses: number;
  /** Times everything was forgotten because changes may have gone unheard. */
  readonly resets: number;
}

interface CachedEntity {
  /** The subgraph's generation when the fetch that read it started. */
  readonly generation: number;
  readonly json: string;
}

const lookups = new Counter({
  name: 'gateway_entity_cache_lookups_total',
  help: 'Entities the gateway looked up in its entity cache, by subgraph and result (hit or miss).',
  labelNames: ['subgraph', 'result'] as const,
  registers: [metricsRegistry],
});

const invalidations = new Counter({
  name: 'gateway_entity_cache_invalidations_total',
  help: "Times a subgraph's cached entities were dropped: a change committed in its schema, or a mutation sent to it.",
  labelNames: ['subgraph'] as const,
  registers: [metricsRegistry],
});

const cachedBytes = new Gauge({
  name: 'gateway_entity_cache_bytes',
  help: 'Approximate size of the entities the gateway holds in its entity cache (keys and JSON).',
  registers: [metricsRegistry],
});

/**
 * The entities the gateway has fetched from the domain subgraphs, per caller scope and fetch
 * document, until their subgraph changes. A subgraph's entries are dropped at once (a generation
 * bump) when a change committed in its schema is announced, or when the gateway sends it a
 * mutation. An entry read by a fetch that started before a change is never served after it: it
 * carries the generation its fetch started in. Bounded by size, least recently used out first.
 */
export class EntityCache {
  readonly #generations = new Map<string, number>();
  readonly #entries: LRUCache<string, CachedEntity>;
  #hits = 0;
  #misses = 0;
  #resets = 0;

  constructor(
    /** The subgraphs whose schemas announce their changes: only their entities are cached. */
    private readonly subgraphs: ReadonlySet<string>,
    maxBytes: number,
  ) {
    this.#entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: (entry, key) => key.length + entry.json.length });
  }

  covers(subgraph: string): boolean {
    return this.subgraphs.has(subgraph);
  }

  generation(subgraph: string): number {
    return this.#generations.get(subgraph) ?? 0;
  }

  /** Forgets everything: changes may have gone unheard (the listening connection was lost). */
  invalidateAll(): void {
    this.#resets++;
    for (const subgraph of this.subgraphs) this.invalidate(subgraph);
  }

  invalidate(subgraph: string): void {
    if (!this.covers(subgraph)) return;
    this.#generations.set(subgraph, this.generation(subgraph) + 1);
    invalidations.inc({ subgraph });
  }

  /** A fresh copy of the cached entity (the gateway merges entities into its result in place), or undefined. */
  lookup(subgraph: string, key: string): unknown {
    const entry = this.#entries.get(key);
    const fresh = entry !== undefined && entry.generation === this.generation(subgraph);
    if (fresh) this.#hits++;
    else this.#misses++;
    lookups.inc({ subgraph, result: fresh ? 'hit' : 'miss' });
    return fresh ? JSON.parse(entry.json) : undefined;
  }

  store(subgraph: string, key: string, generation: number, entity: unknown): void {
    if (!this.covers(subgraph) || generation !== this.generation(subgraph)) return;
    this.#entries.set(key, { generation, json: JSON.stringify(entity) });
    cachedBytes.set(this.#entries.calculatedSize);
  }

  stats(): EntityCacheStats {
    return {
      entries: this.#entries.size,
      bytes: this.#entries.calculatedSize,
      hits: this.#hits,
      misses: this.#misses,
      resets: this.#resets,
    };
  }
}

/** A subgraph request as the gateway sends it. */
export interface EntityRequest {
  readonly query?: string | undefined;
  readonly variables?: Record<string, unknown> | undefined;
}

/** A subgraph's answer: what the gateway reads of it. */
export interface EntityResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly { path?: readonly (string | number)[] }[];
}

/** Whether a fetch may be answered from the cache: an `_entities` fetch selecting no uncached field. */
export function isCacheableEntityFetch(request: EntityRequest): boolean {
  return (
    Array.isArray(request.variables?.representations) &&
    request.query !== undefined &&
    request.query.includes('_entities(') &&
    !uncachedField.test(request.query)
  );
}

/**
 * Answers an `_entities` fetch from the cache where it can, fetching only the representations it
 * does not hold (in one request, in their order) and caching those the subgraph answered without
 * error. The answer lists every entity where the full fetch would have; error paths point at them.
 */
export async function fetchEntities<Response extends EntityResponse>(
  cache: EntityCache,
  fetch: { subgraph: string; scope: string; request: EntityRequest },
  fetchMissing: (representations: unknown[]) => Promise<Response>,
): Promise<Response | EntityResponse> {
  const { subgraph, request } = fetch;
  const generation = cache.generation(subgraph);
  const { representations, ...others } = request.variables as { representations: unknown[] };
  const prefix = `${subgraph}:${createHash('sha256')
    .update(JSON.stringify([fetch.scope, request.query, others]))
    .digest('base64url')}:`;
  const keys = representations.map((representation) => prefix + JSON.stringify(representation));
  const entities = keys.map((key) => cache.lookup(subgraph, key));
  const missing = keys.flatMap((_key, index) => (entities[index] === undefined ? [index] : []));
  if (missing.length === 0) return { data: { _entities: entities } };

  const response = await fetchMissing(missing.map((index) => representations[index]));
  const errors = response.errors?.map((error) => ({ ...error, path: pathInFullFetch(error.path, missing) }));
  const fetched = response.data?._entities;
  if (!Array.isArray(fetched)) return { ...response, ...(errors ? { errors } : {}) };
  if (fetched.length !== missing.length) {
    throw new Error(`Subgraph ${subgraph} answered ${fetched.length} entities for ${missing.length} representations`);
  }

  const failed = failedIndices(errors ?? []);
  missing.forEach((index, position) => {
    entities[index] = fetched[position];
    if (failed !== 'all' && !failed.has(index)) cache.store(subgraph, keys[index]!, generation, fetched[position]);
  });
  return { ...response, data: { ...response.data, _entities: entities }, ...(errors ? { errors } : {}) };
}

/** An error's path in the fetch of every representation, from its path in the fetch of the missing ones. */
function pathInFullFetch(path: readonly (string | number)[] | undefined, missing: readonly number[]) {
  if (path?.[0] !== '_entities' || typeof path[1] !== 'number') return path;
  return ['_entities', missing[path[1]] ?? path[1], ...path.slice(2)];
}

/** The entities an error belongs to, or 'all' when an error names none. */
function failedIndices(errors: readonly { path?: readonly (string | number)[] | undefined }[]): Set<number> | 'all' {
  const failed = new Set<number>();
  for (const { path } of errors) {
    if (path?.[0] !== '_entities' || typeof path[1] !== 'number') return 'all';
    failed.add(path[1]);
  }
  return failed;
}
