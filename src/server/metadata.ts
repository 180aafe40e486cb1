// OpenAI's metadata: up to 16 string pairs (keys <= 64 characters, values <= 512), and list filters on it.
import { z } from 'zod';

export type Metadata = Record<string, string>;

export const metadataSchema = z
  .record(z.string().max(64, 'keys are at most 64 characters'), z.string().max(512, 'values are at most 512 characters'))
  .refine((m) => Object.keys(m).length <= 16, { message: 'at most 16 key-value pairs' });

/** `metadata[k]=v` pairs of a query; `'none'` when `metadata` is given empty or `null` (objects without metadata). */
export function metadataFilter(query: URLSearchParams): Metadata | 'none' | undefined {
  const wanted: Metadata = {};
  let filtered = false;
  for (const [key, value] of query) {
    const match = /^metadata\[(.+)\]$/.exec(key);
    if (match) {
      wanted[match[1]!] = value;
      filtered = true;
    } else if (key === 'metadata' && (value === '' || value === 'null')) return 'none';
  }
  return filtered ? wanted : undefined;
}

export function matchesMetadata(metadata: Metadata | null | undefined, filter: Metadata | 'none' | undefined): boolean {
  if (filter === undefined) return true;
  const have = metadata ?? {};
  if (filter === 'none') return Object.keys(have).length === 0;
  return Object.entries(filter).every(([k, v]) => have[k] === v);
}
