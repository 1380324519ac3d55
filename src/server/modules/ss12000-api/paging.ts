/**
 * SS12000 paging: `limit` + an opaque `pageToken`. The token carries the first call's filters and
 * where the last page ended, so later pages need (and may send) nothing but `limit` (the standard
 * forbids combining `pageToken` with filters). The organiser always comes from the API token,
 * never from the page token, so a changed page token can only ask for other filters.
 */
import { AppError } from '../../errors.js';

/** Records per page when the client gives no `limit`, and the most we return for any `limit`. */
export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 1000;

export type Filters = Record<string, unknown>;

interface PageTokenBody<C> {
  e: string;
  f: Filters;
  c: C;
}

export const encodePageToken = <C>(endpoint: string, filters: Filters, cursor: C): string =>
  Buffer.from(JSON.stringify({ e: endpoint, f: filters, c: cursor } satisfies PageTokenBody<C>), 'utf8').toString(
    'base64url',
  );

/**
 * Splits a query into filters, cursor and page size.
 * @throws PAGE_TOKEN_WITH_FILTERS when `pageToken` comes with anything but `limit`
 * @throws PAGE_TOKEN_INVALID when the token was not made here for this endpoint
 */
export function readPage<C>(
  endpoint: string,
  query: Record<string, unknown>,
): { filters: Filters; cursor: C | null; limit: number } {
  const { limit, pageToken, ...filters } = query;
  const size = Math.min(MAX_PAGE_SIZE, typeof limit === 'number' ? limit : DEFAULT_PAGE_SIZE);
  if (pageToken === undefined) return { filters, cursor: null, limit: size };
  if (Object.keys(filters).length > 0) {
    throw new AppError(
      'PAGE_TOKEN_WITH_FILTERS',
      `pageToken kan inte kombineras med andra filter än limit (${Object.keys(filters).join(', ')}).`,
    );
  }
  let body: PageTokenBody<C>;
  try {
    body = JSON.parse(Buffer.from(String(pageToken), 'base64url').toString('utf8'));
  } catch {
    throw new AppError('PAGE_TOKEN_INVALID', 'Ogiltig pageToken.');
  }
  if (
    !body ||
    typeof body !== 'object' ||
    body.e !== endpoint ||
    typeof body.f !== 'object' ||
    body.f === null ||
    body.c === undefined
  ) {
    throw new AppError('PAGE_TOKEN_INVALID', 'Ogiltig pageToken.');
  }
  return { filters: body.f, cursor: body.c, limit: size };
}

/** Rejects a filter value from a page token that the first call's schema would not have accepted. */
export function assertFilter(isValid: boolean): void {
  if (!isValid) throw new AppError('PAGE_TOKEN_INVALID', 'Ogiltig pageToken.');
}
