import { HttpError, readIntegerParam, readStringParam } from '@procuregraph/reference-http';
import { ErpErrorCode } from '../fusion-errors.ts';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;

/** Fusion's collection envelope. `count` is the number of items in this page, not the total. */
export interface Collection<Item> {
  items: Item[];
  count: number;
  hasMore: boolean;
  limit: number;
  offset: number;
  totalResults?: number;
}

export interface PageRequest {
  limit: number;
  offset: number;
  totalResults: boolean;
}

export function readPageRequest(query: Record<string, unknown>): PageRequest {
  const limitText = readStringParam(query.limit, 'limit', ErpErrorCode.badRequest);
  if (limitText !== undefined && /^\d+$/.test(limitText) && Number(limitText) > MAX_LIMIT) {
    throw new HttpError(400, ErpErrorCode.limitTooLarge, `The limit ${limitText} exceeds the maximum of ${MAX_LIMIT} items per request.`);
  }
  return {
    limit: readIntegerParam(limitText, 'limit', { min: 1, max: MAX_LIMIT, fallback: DEFAULT_LIMIT }, ErpErrorCode.badRequest),
    offset: readIntegerParam(query.offset, 'offset', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 }, ErpErrorCode.badRequest),
    totalResults: readStringParam(query.totalResults, 'totalResults', ErpErrorCode.badRequest) === 'true',
  };
}

export function pageOf<Item>(items: readonly Item[], request: PageRequest): Collection<Item> {
  const page = items.slice(request.offset, request.offset + request.limit);
  return {
    items: page,
    count: page.length,
    hasMore: request.offset + page.length < items.length,
    limit: request.limit,
    offset: request.offset,
    ...(request.totalResults ? { totalResults: items.length } : {}),
  };
}

/** An expanded child collection inside its parent: all of its items in one envelope. */
export function wholeCollection<Item>(items: Item[]): Collection<Item> {
  return { items, count: items.length, hasMore: false, limit: Math.max(items.length, DEFAULT_LIMIT), offset: 0 };
}
