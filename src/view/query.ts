// Query strings read through zod: a parameter given twice, one not known, or a value out of range
// is a 400 that names it.
import { z } from 'zod';
import { badRequest } from './errors.js';

export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const values: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in values) throw badRequest(`query parameter "${key}" is given twice`);
    // An empty field of a form means "no filter".
    if (value !== '') values[key] = value;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw badRequest(`invalid query: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** A path segment as the route names it, decoded; a 400 for a malformed escape. */
export function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest(`malformed path segment "${raw}"`);
  }
}
