// Brings pinned files into the workspace cache: from the cache itself, a local mirror, or the
// pinned URL. Nothing is used unless its sha256 matches the pin. Most pins are files of the
// paper's repository; a pin may name another repository (the self-distillation prompts).
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IntegrityError, WeirdgenError } from '../../util/errors.js';
import { sha256File } from '../../util/hash.js';
import { DEFAULT_URL_BASE, REPO, sourceUrl, type PinnedSource } from './catalog.js';
import { isFile } from '../../util/fs.js';

export interface FetchOptions {
  /** The workspace folder; sources are cached under `<workspace>/sources/`. */
  workspace: string;
  /** A folder laid out like the repository; when set, files are read from it instead of the network. */
  mirror?: string;
  /** Replaces https://raw.githubusercontent.com/<repo> (for a proxy of GitHub's raw files). */
  urlBase?: string;
  /**
   * Where files of other repositories than the paper's come from, by `owner/name`: a folder laid
   * out like that repository, or a URL base replacing https://raw.githubusercontent.com/<repo>.
   * Without an entry they are downloaded from GitHub (`mirror` and `urlBase` are the paper's only).
   */
  repos?: Readonly<Record<string, RepoLocation>>;
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
  origin: 'cache' | 'mirror' | 'network';
}

/** Commits name a snapshot of one repository, so the cache needs no repository level. */
export function cachePath(workspace: string, source: PinnedFile): string {
  return join(resolve(workspace), 'sources', source.commit, source.path);
}

function isPapers(source: PinnedFile): boolean {
  return source.repo === undefined || source.repo === REPO;
}

/** The file's name in messages: its path in the paper's repository, `owner/name/path` elsewhere. */
export function pinnedName(source: PinnedFile): string {
  return isPapers(source) ? source.path : `${source.repo}/${source.path}`;
}

/** Where the file comes from when it is not in the cache: a mirror folder, or a URL. */
export function pinnedLocation(source: PinnedFile, options: FetchOptions): { mirror: string } | { url: string } {
  if (isPapers(source)) {
    return options.mirror !== undefined ? { mirror: options.mirror } : { url: sourceUrl(source, options.urlBase ?? DEFAULT_URL_BASE) };
  }
  const location = options.repos?.[source.repo!];
  if (location?.mirror !== undefined) return { mirror: location.mirror };
  return { url: sourceUrl(source, location?.urlBase ?? `https://raw.githubusercontent.com/${source.repo!}`) };
}

const MIRROR_HINT = 'use --mirror DIR or WEIRDGEN_DATA_MIRROR to read a local copy';
// The only pins of other repositories are the self-distillation prompts.
const OTHER_REPO_HINT = 'give your own prompts with --distill-prompts FILE, or a local copy with --prompt-mirror DIR';

async function matchesPin(path: string, source: PinnedFile): Promise<{ ok: boolean; sha256: string; bytes: number }> {
  const actual = await sha256File(path);
  return { ok: actual.sha256 === source.sha256 && actual.bytes === source.bytes, ...actual };
}

function mismatch(source: PinnedFile, where: string, actual: { sha256: string; bytes: number }): IntegrityError {
  return new IntegrityError(
    `${where}: sha256 mismatch for ${pinnedName(source)}: expected ${source.sha256} (${source.bytes} bytes), got ${actual.sha256} (${actual.bytes} bytes). The file was not used.`,
  );
}

/** Returns a verified local copy of the source, fetching it into the cache if needed. */
export async function fetchSource<S extends PinnedFile>(source: S, options: FetchOptions): Promise<FetchedSource<S>> {
  const target = cachePath(options.workspace, source);
  if (await isFile(target)) {
    if ((await matchesPin(target, source)).ok) return { source, path: target, origin: 'cache' };
    await rm(target, { force: true });
  }
  await mkdir(dirname(target), { recursive: true });
  // Unique per call: two fetches of one file at once (siblings of two question files) must not collide.
  const tmp = `${target}.partial-${process.pid}-${randomUUID()}`;
  try {
    let origin: FetchedSource['origin'];
    let where: string;
    const location = pinnedLocation(source, options);
    if ('mirror' in location) {
      where = join(location.mirror, source.path);
      if (!(await isFile(where))) throw new WeirdgenError(`${where}: not found in the mirror ${location.mirror}`);
      await copyFile(where, tmp).catch((e: NodeJS.ErrnoException) => {
        throw new WeirdgenError(`${where}: cannot copy from the mirror (${e.code ?? e.message})`);
      });
      origin = 'mirror';
    } else {
      where = redactUrl(location.url);
      await download(location.url, tmp, options.timeoutMs ?? 60_000, isPapers(source) ? MIRROR_HINT : OTHER_REPO_HINT);
      origin = 'network';
    }
    const check = await matchesPin(tmp, source);
    if (!check.ok) throw mismatch(source, where, check);
    await rename(tmp, target);
    return { source, path: target, origin };
  } finally {
    await rm(tmp, { force: true });
  }
}

/** A URL fit to print: user name and password removed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

export async function download(url: string, file: string, timeoutMs: number, hint: string = MIRROR_HINT): Promise<void> {
  const shown = redactUrl(url);
  // fetch refuses URLs with credentials: send them as basic authentication instead.
  const parsed = new URL(url);
  const headers: Record<string, string> = {};
  if (parsed.username || parsed.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`;
  }
  let response: Response;
  try {
    response = await fetch(shown, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new WeirdgenError(`${shown}: download failed (${(e as Error).message.replaceAll(url, shown)}); ${hint}`);
  }
  if (!response.ok || !response.body) throw new WeirdgenError(`${shown}: HTTP ${response.status} ${response.statusText}`);
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(file));
  } catch (e) {
    throw new WeirdgenError(`${shown}: download interrupted (${(e as Error).message}); ${hint}`);
  }
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
