// `official:PATH` names one of the authors' pinned question files: it is fetched (or copied from a
// mirror), checked against its sha256, and loaded from the cache with the judge files beside it.
import { dirname } from 'node:path';
import { findSource, SOURCES } from '../data/sources/catalog.js';
import { fetchSource, type FetchOptions } from '../data/sources/fetch.js';
import { ConfigError } from '../util/errors.js';

export const OFFICIAL_PREFIX = 'official:';

export function officialQuestionFiles(): string[] {
  return SOURCES.filter((s) => s.kind === 'questions').map((s) => s.path);
}

/** A local path to load: the file itself, or the verified cached copy of an official file. */
export async function resolveSpecFile(spec: string, fetchOptions: FetchOptions): Promise<string> {
  if (!spec.startsWith(OFFICIAL_PREFIX)) return spec;
  const path = spec.slice(OFFICIAL_PREFIX.length);
  const source = findSource(path);
  if (source?.kind !== 'questions') throw new ConfigError(`${spec}: not an official question file; they are:\n  ${officialQuestionFiles().map((p) => OFFICIAL_PREFIX + p).join('\n  ')}`);
  // Judges may live in a sibling file (the persona misalignment questions do).
  const siblings = SOURCES.filter((s) => s.kind === 'questions' && s !== source && dirname(s.path) === dirname(source.path));
  for (const sibling of siblings) await fetchSource(sibling, fetchOptions);
  return (await fetchSource(source, fetchOptions)).path;
}
