import { badUserInput } from './errors.ts';
import { isUuid } from '../db/ids.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface ConnectionArguments {
  first?: number | null;
  after?: string | null;
}

/** A validated request for one page: at most `limit` rows after the row `afterId` (keyset). */
export interface PageRequest {
  readonly limit: number;
  readonly afterId: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

/**
 * A Relay connection. `totalCount` is a function so the count query runs only when a client
 * selects the field (graphql-js calls function-valued properties as resolvers).
 */
export interface Connection<Node> {
  edges: Edge<Node>[];
  nodes: Node[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/**
 * Cursors name the kind of list and the last row's id. Rows are ordered by their time-ordered id,
 * so a cursor keeps its place while rows are inserted before or after it, and even after the row
 * it names is deleted.
 */
export function encodeCursor(kind: string, id: string): string {
  return Buffer.from(`${kind}:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(kind: string, cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [cursorKind, id] = decoded.split(':', 2);
  if (cursorKind !== kind || !id || !isUuid(id)) {
    throw badUserInput(`"after" is not a cursor of this ${kind} list`, 'after');
  }
  return id;
}

export function pageRequest(kind: string, args: ConnectionArguments): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  return { limit: first, afterId: args.after ? decodeCursor(kind, args.after) : null };
}

/** Builds the connection from rows fetched with `limit + 1`: the extra row only tells there is more. */
export function toConnection<Node extends { id: string }>(
  kind: string,
  rows: readonly Node[],
  page: PageRequest,
  totalCount: () => Promise<number>,
): Connection<Node> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(kind, node.id), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.afterId !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
