// Brings pinned files into the workspace cache: from the cache itself, a local mirror, or the
// pinned URL. Nothing is used unless its sha256 matches the pin. Most pins are files of the
// paper's repository; a pin may name another repository (the self-distillation prompts).
import { join, resolve } from 'node:path';
import { IntegrityError } from '../../util/errors.js';
import { DEFAULT_URL_BASE, REPO, sourceUrl, type PinnedSource } from './catalog.js';
import { fetchPinnedCopy, type CopyOrigin, type Digest } from './pinned-copy.js';

/** Where pinned files come from: the workspace cache, then a mirror folder, then the download URL. */
export interface FetchOptions {
  /** The workspace folder; sources are cached under `<workspace>/sources/`. */
  workspace: string;
  /** A folder laid out like the repository, read before the network: what it lacks is downloaded. */
  mirror?: string;
  /** Replaces https://raw.githubusercontent.com/<repo> (for a proxy of GitHub's raw files). */
  urlBase?: string;
  /**
   * Where files of other repositories than the paper's come from, by `owner/name`: a folder laid
   * out like that repository, or a URL base replacing https://raw.githubusercontent.com/<repo>.
   * Without an entry they are downloaded from GitHub (`mirror` and `urlBase` are the paper's only).
   */
  repos?: Readonly<Record<string, RepoLocation>>;
  /** A download is abandoned after this long without a byte (default 60 s). */
  timeoutMs?: number;
}

export interface RepoLocation {
  mirror?: string;
  urlBase?: string;
}

/** A file pinned by commit, sha256 and size; `repo` (owner/name) defaults to the paper's. */
export interface PinnedFile {
  repo?: string;
  commit: string;
  path: string;
  sha256: string;
  bytes: number;
}

export interface FetchedSource<S extends PinnedFile = PinnedSource> {
  source: S;
  /** Verified local copy. */
  path: string;
  origin: CopyOrigin;
}

/** Commits name a snapshot of one repository, so the cache needs no repository level. */
export function cachePath(workspace: string, source: Pick<PinnedFile, 'commit' | 'path'>): string {
  return join(resolve(workspace), 'sources', source.commit, source.path);
}

function isPapers(source: Pick<PinnedFile, 'repo'>): boolean {
  return source.repo === undefined || source.repo === REPO;
}

/** The file's name in messages: its path in the paper's repository, `owner/name/path` elsewhere. */
export function pinnedName(source: PinnedFile): string {
  return isPapers(source) ? source.path : `${source.repo}/${source.path}`;
}

/** Where the file comes from when it is not in the cache: a mirror folder first, if there is one, then its URL. */
export function pinnedLocation(source: Pick<PinnedFile, 'repo' | 'commit' | 'path'>, options: FetchOptions): { mirror?: string; url: string } {
  if (isPapers(source)) return { ...(options.mirror !== undefined ? { mirror: options.mirror } : {}), url: sourceUrl(source, options.urlBase ?? DEFAULT_URL_BASE) };
  const location = options.repos?.[source.repo!];
  return { ...(location?.mirror !== undefined ? { mirror: location.mirror } : {}), url: sourceUrl(source, location?.urlBase ?? `https://raw.githubusercontent.com/${source.repo!}`) };
}

export const MIRROR_HINT = 'use --mirror DIR or WEIRDGEN_DATA_MIRROR to read a local copy';
// The only pins of other repositories are the self-distillation prompts.
const OTHER_REPO_HINT = 'give your own prompts with --distill-prompts FILE, or a local copy with --prompt-mirror DIR';

function mismatch(source: PinnedFile, where: string, actual: Digest): IntegrityError {
  return new IntegrityError(
    `${where}: sha256 mismatch for ${pinnedName(source)}: expected ${source.sha256} (${source.bytes} bytes), got ${actual.sha256} (${actual.bytes} bytes). The file was not used.`,
  );
}

/** Returns a verified local copy of the source, fetching it into the cache if needed. */
export async function fetchSource<S extends PinnedFile>(source: S, options: FetchOptions): Promise<FetchedSource<S>> {
  const location = pinnedLocation(source, options);
  const copy = await fetchPinnedCopy({
    target: cachePath(options.workspace, source),
    expected: source,
    mismatch: (actual, where) => mismatch(source, where, actual),
    ...(location.mirror !== undefined ? { mirror: { root: location.mirror, file: join(location.mirror, source.path) } } : {}),
    url: location.url,
    hint: isPapers(source) ? MIRROR_HINT : OTHER_REPO_HINT,
    ...(options.timeoutMs !== undefined ? { idleTimeoutMs: options.timeoutMs } : {}),
  });
  return { source, path: copy.path, origin: copy.origin };
}

export interface FetchSummary {
  fetched: FetchedSource[];
  failed: { source: PinnedSource; error: Error }[];
}

/** Fetches every source, going on past failures so one bad file does not hide the others. */
export async function fetchSources(sources: readonly PinnedSource[], options: FetchOptions): Promise<FetchSummary> {
  const summary: FetchSummary = { fetched: [], failed: [] };
  for (const source of sources) {
    try {
      summary.fetched.push(await fetchSource(source, options));
    } catch (e) {
      summary.failed.push({ source, error: e as Error });
    }
  }
  return summary;
}
