import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext } from 'graphql';
import type { OperationLimits } from '@procuregraph/platform/graphql';

/**
 * What one operation may ask of the graph, over HTTP and WebSocket alike. Each limit sits well
 * above the product's own operations (the README's, the end-to-end tests' and the benchmarks',
 * measured against the supergraph when these were chosen) and well below what hurts:
 * - depth 12: the deepest product operation reaches 7 (the supplier 360: supplier → purchaseOrders
 *   → nodes → receipts → lines → field is 6); each level is another fan-out of entity fetches.
 * - 500,000 nodes (node-count.ts, GitHub's model): how many records the operation may return,
 *   from its page sizes whether literals or variables; it bounds the breadth depth does not see.
 *   It runs once the variables are known, so it is not one of the validation rules below.
 * - 30 aliases (`__typename` is free): aliases let one request repeat an expensive field; product
 *   operations use up to 7.
 * - 20 directives: `@include`/`@skip` on a few fields is plenty; thousands are a parser attack.
 * - 5,000 tokens: the largest product operation (onboardSupplier with its whole input inline) has
 *   about 175; the parser stops at the limit, so a huge document costs no more than that.
 */
export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 5_000,
} as const;

/** The stable `extensions.code` of each refusal (documented in the README). */
export const QUERY_LIMIT_CODES = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  directives: 'TOO_MANY_DIRECTIVES',
  tokens: 'QUERY_TOO_LARGE',
} as const;

/** A refusal by a query limit, carrying its own code through Apollo's validation wrapper. */
class QueryLimitError extends GraphQLError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message, { extensions: { code } });
  }
}

// Armor words every refusal as a syntax error, which it is not.
function reportAs(code: string) {
  return (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(new QueryLimitError(error.message.replace(/^Syntax Error: /, ''), code));
}

function limit(code: string) {
  return { propagateOnRejection: false, onReject: [reportAs(code)], exposeLimits: true };
}

const armorConfig: ConstructorParameters<typeof ApolloArmor>[0] = {
  maxDepth: { n: QUERY_LIMITS.maxDepth, ...limit(QUERY_LIMIT_CODES.depth) },
  // Armor's cost sees neither variables nor default page sizes; node-count.ts replaces it.
  costLimit: { enabled: false },
  maxAliases: { n: QUERY_LIMITS.maxAliases, ...limit(QUERY_LIMIT_CODES.aliases) },
  maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...limit(QUERY_LIMIT_CODES.directives) },
  // Armor's token check throws from a plugin hook, which Apollo Server answers with a 500;
  // graphql-js's own `maxTokens` (parseOptions below) aborts the parse with a 400 instead.
  maxTokens: { enabled: false },
  // Suggestions are masked per caller (admins keep them), in schema-disclosure.ts.
  blockFieldSuggestion: { enabled: false },
};

/** The parse options and validation rules that enforce the limits, for Apollo Server and for subscribe messages. */
export const queryLimits = {
  parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
  validationRules: new ApolloArmor(armorConfig).protect().validationRules,
} satisfies OperationLimits;

// graphql-js's message when `maxTokens` stops the parser ("more that" in graphql 16); it
// carries no code of its own.
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/;

/** The limit code for an error caused by a query limit, or undefined for any other error. */
export function queryLimitCode(error: GraphQLError): string | undefined {
  if (error instanceof QueryLimitError) return error.code;
  if (error.originalError instanceof QueryLimitError) return error.originalError.code;
  return TOKEN_LIMIT_MESSAGE.test(error.message) ? QUERY_LIMIT_CODES.tokens : undefined;
}

/**
 * Apollo Server reports validation and parse errors as GRAPHQL_VALIDATION_FAILED and
 * GRAPHQL_PARSE_FAILED whatever code they had; a limit's refusal gets its own code back here.
 */
export function withQueryLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = error instanceof GraphQLError ? queryLimitCode(error) : undefined;
  return code ? { ...formatted, extensions: { ...formatted.extensions, code } } : formatted;
}

/** A subscribe message's error with its limit code, as `withQueryLimitCode` gives over HTTP. */
export function withQueryLimitCodeOnError(error: GraphQLError): GraphQLError {
  const code = queryLimitCode(error);
  if (!code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}
