// Cursor pages as OpenAI lists objects: `limit` items after the object `after`, with has_more.
import { z } from 'zod';
import { invalidRequest } from './errors.js';

export interface ListPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export interface PageQuery {
  limit: number;
  after?: string;
}

/** `limit` (1..max, default `fallback`) and `after` from a query string. */
export function pageQuery(query: URLSearchParams, fallback: number, max: number): PageQuery {
  const raw = query.get('limit');
  const after = query.get('after');
  let limit = fallback;
  if (raw !== null) {
    const parsed = z.coerce.number().int().min(1).max(max).safeParse(raw);
    if (!parsed.success) throw invalidRequest(`Invalid 'limit': expected an integer from 1 to ${max} (got ${JSON.stringify(raw)}).`, 'limit', 'invalid_value');
    limit = parsed.data;
  }
  return { limit, ...(after ? { after } : {}) };
}

/** One page of `items` (already in list order). */
export function paginate<T extends { id: string }>(items: readonly T[], { limit, after }: PageQuery): ListPage<T> {
  let start = 0;
  if (after !== undefined) {
    const at = items.findIndex((item) => item.id === after);
    if (at < 0) throw invalidRequest(`Invalid 'after': no object with id '${after}' in this list.`, 'after', 'invalid_value');
    start = at + 1;
  }
  const data = items.slice(start, start + limit);
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < items.length };
}

export function queryOf(url: string | undefined): URLSearchParams {
  return new URL(url ?? '/', 'http://localhost').searchParams;
}
