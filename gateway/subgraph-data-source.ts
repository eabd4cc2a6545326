import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, internalScopeKey, type UserCaller } from '@procuregraph/platform/auth';
import { fetchEntities, isCacheableEntityFetch, type EntityCache } from './entity-cache.ts';

export interface ForwardedCaller {
  readonly caller: UserCaller;
  readonly clientAddress?: string | undefined;
}

type SignInternalToken = (caller: UserCaller, clientAddress?: string) => Promise<string>;
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * How the gateway calls one subgraph: over Node's own fetch (undici, pooled keep-alive
 * connections, instead of Apollo's default make-fetch-happen), with the caller forwarded as an
 * internal token, and with identical query fetches in flight at the same moment shared.
 *
 * Sharing is keyed by the document, the variables and the caller's scope (the caller and its
 * address, exactly what the subgraph sees), so two callers never share an answer; mutations, and
 * every fetch of an operation that is a mutation, are never shared. A shared fetch is one request
 * to the subgraph, so the subgraph's audit log records one read for identical reads a caller made
 * at the same moment.
 *
 * With an entity cache, a query's `_entities` fetches are answered from it where they can (see
 * entity-cache.ts), under the same caller scope; a mutation sent to the subgraph drops what the
 * cache holds of it, before the mutation and again once it is answered.
 */
export class SubgraphDataSource<Context extends ForwardedCaller> extends RemoteGraphQLDataSource<Context> {
  readonly #inFlight = new Map<string, Promise<SubgraphResponse>>();

  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly signInternalToken: SignInternalToken,
    private readonly entityCache?: EntityCache,
  ) {
    super({ url, fetcher: fetch });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
    if (context.caller) request.http?.headers.set(CALLER_HEADER, await this.signInternalToken(context.caller, context.clientAddress));
  }

  override process(options: GraphQLDataSourceProcessOptions<Context>): Promise<SubgraphResponse> {
    const scope = queryScope(options);
    if (scope === undefined) return this.#uncached(options);
    if (this.entityCache?.covers(this.subgraph) && isCacheableEntityFetch(options.request)) {
      const fetch = { subgraph: this.subgraph, scope, request: options.request };
      return fetchEntities(this.entityCache, fetch, (representations) =>
        this.#shared({ ...options, request: { ...options.request, variables: { ...options.request.variables, representations } } }, scope),
      ) as Promise<SubgraphResponse>;
    }
    return this.#shared(options, scope);
  }

  /** A mutation's fetch, or one made for no caller: never shared, and a mutation drops the subgraph's cached entities. */
  async #uncached(options: GraphQLDataSourceProcessOptions<Context>): Promise<SubgraphResponse> {
    const mutation = 'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'mutation';
    if (mutation) this.entityCache?.invalidate(this.subgraph);
    try {
      return await super.process(options);
    } finally {
      if (mutation) this.entityCache?.invalidate(this.subgraph);
    }
  }

  /** One request for identical fetches of one scope in flight at the same moment. */
  #shared(options: GraphQLDataSourceProcessOptions<Context>, scope: string): Promise<SubgraphResponse> {
    const key = JSON.stringify([scope, options.request.query, options.request.variables ?? null]);
    const inFlight = this.#inFlight.get(key);
    // Each follower gets its own copy: the gateway merges fetched entities into its result in place.
    if (inFlight) return inFlight.then(copyOf);
    const fetched = super.process(options).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, fetched);
    return fetched;
  }
}

function copyOf(response: SubgraphResponse): SubgraphResponse {
  const { http, ...body } = response;
  return { ...structuredClone(body), ...(http ? { http } : {}) };
}

/** The caller scope of a query's fetch (what the subgraph sees of its caller), or undefined when it is not a query's or has no caller. */
function queryScope<Context extends ForwardedCaller>(options: GraphQLDataSourceProcessOptions<Context>): string | undefined {
  if (!('incomingRequestContext' in options)) return undefined;
  if (options.incomingRequestContext.operation?.operation !== 'query') return undefined;
  const { caller, clientAddress } = options.context;
  if (!caller || !options.request.query) return undefined;
  return internalScopeKey(caller, clientAddress);
}
