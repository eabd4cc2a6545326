import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, internalScopeKey, type UserCaller } from '@procuregraph/platform/auth';

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
 * at the same moment. Answers are not kept once the fetch completes.
 */
export class SubgraphDataSource<Context extends ForwardedCaller> extends RemoteGraphQLDataSource<Context> {
  readonly #inFlight = new Map<string, Promise<SubgraphResponse>>();

  constructor(
    url: string,
    private readonly signInternalToken: SignInternalToken,
  ) {
    super({ url, fetcher: fetch });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
    if (context.caller) request.http?.headers.set(CALLER_HEADER, await this.signInternalToken(context.caller, context.clientAddress));
  }

  override process(options: GraphQLDataSourceProcessOptions<Context>): Promise<SubgraphResponse> {
    const key = sharingKey(options);
    if (!key) return super.process(options);
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

/** The key identical fetches share, or undefined when this fetch must not be shared. */
function sharingKey<Context extends ForwardedCaller>(options: GraphQLDataSourceProcessOptions<Context>): string | undefined {
  if (!('incomingRequestContext' in options)) return undefined;
  if (options.incomingRequestContext.operation?.operation !== 'query') return undefined;
  const { caller, clientAddress } = options.context;
  if (!caller || !options.request.query) return undefined;
  return JSON.stringify([internalScopeKey(caller, clientAddress), options.request.query, options.request.variables ?? null]);
}
