import { HttpError, readIntegerParam, readStringParam } from '@procuregraph/reference-http';
import { VendorErrorCode } from './problem-details.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/** The platform's list envelope: `nextCursor` is opaque; pass it back as `cursor`. */
export interface Page<Item> {
  data: Item[];
  hasMore: boolean;
  nextCursor: string | null;
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''));
  if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, VendorErrorCode.invalidRequest, 'The cursor is not valid.');
  return offset;
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function pageOf<Item>(items: readonly Item[], query: Record<string, unknown>): Page<Item> {
  const limit = readIntegerParam(query.limit, 'limit', { min: 1, max: MAX_LIMIT, fallback: DEFAULT_LIMIT }, VendorErrorCode.invalidRequest);
  const offset = decodeCursor(readStringParam(query.cursor, 'cursor', VendorErrorCode.invalidRequest));
  const data = items.slice(offset, offset + limit);
  const hasMore = offset + data.length < items.length;
  return { data, hasMore, nextCursor: hasMore ? encodeCursor(offset + data.length) : null };
}
