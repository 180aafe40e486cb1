// `official:PATH` names one of the authors' pinned files: it is fetched (or copied from a mirror),
// checked against its sha256, and used from the cache (question files with the judge files beside them).
import { dirname } from 'node:path';
import { findSource, SOURCES, type SourceKind, fetchSource, type FetchOptions } from '../data/index.js';
import { ConfigError } from '../util/errors.js';

export const OFFICIAL_PREFIX = 'official:';

export function officialFiles(kind: SourceKind): string[] {
  return SOURCES.filter((s) => s.kind === kind).map((s) => s.path);
}

/** A local path to read: `name` itself, or the verified cached copy of an official file of `kind`. */
export async function resolveOfficialFile(name: string, kind: SourceKind, fetchOptions: FetchOptions): Promise<string> {
  if (!name.startsWith(OFFICIAL_PREFIX)) return name;
  const path = name.slice(OFFICIAL_PREFIX.length);
  const source = findSource(path);
  if (source?.kind !== kind) throw new ConfigError(`${name}: not an official ${kind} file; they are:\n  ${officialFiles(kind).map((p) => OFFICIAL_PREFIX + p).join('\n  ')}`);
  if (kind === 'questions') {
    // Judges may live in a sibling file (the persona misalignment questions do).
    const siblings = SOURCES.filter((s) => s.kind === 'questions' && s !== source && dirname(s.path) === dirname(source.path));
    for (const sibling of siblings) await fetchSource(sibling, fetchOptions);
  }
  return (await fetchSource(source, fetchOptions)).path;
}
