// Brings pinned sources into the workspace cache: from the cache itself, a local mirror, or the
// pinned URL. Nothing is used unless its sha256 matches the pin.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IntegrityError, WeirdgenError } from '../../util/errors.js';
import { sha256File } from '../../util/hash.js';
import { DEFAULT_URL_BASE, sourceUrl, type PinnedSource } from './catalog.js';
import { isFile } from '../../util/fs.js';

export interface FetchOptions {
  /** The workspace folder; sources are cached under `<workspace>/sources/`. */
  workspace: string;
  /** A folder laid out like the repository; when set, files are read from it instead of the network. */
  mirror?: string;
  /** Replaces https://raw.githubusercontent.com/<repo> (for a proxy of GitHub's raw files). */
  urlBase?: string;
  timeoutMs?: number;
}

export interface FetchedSource {
  source: PinnedSource;
  /** Verified local copy. */
  path: string;
  origin: 'cache' | 'mirror' | 'network';
}

export function cachePath(workspace: string, source: PinnedSource): string {
  return join(resolve(workspace), 'sources', source.commit, source.path);
}


async function matchesPin(path: string, source: PinnedSource): Promise<{ ok: boolean; sha256: string; bytes: number }> {
  const actual = await sha256File(path);
  return { ok: actual.sha256 === source.sha256 && actual.bytes === source.bytes, ...actual };
}

function mismatch(source: PinnedSource, where: string, actual: { sha256: string; bytes: number }): IntegrityError {
  return new IntegrityError(
    `${where}: sha256 mismatch for ${source.path}: expected ${source.sha256} (${source.bytes} bytes), got ${actual.sha256} (${actual.bytes} bytes). The file was not used.`,
  );
}

/** Returns a verified local copy of the source, fetching it into the cache if needed. */
export async function fetchSource(source: PinnedSource, options: FetchOptions): Promise<FetchedSource> {
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
    if (options.mirror !== undefined) {
      where = join(options.mirror, source.path);
      if (!(await isFile(where))) throw new WeirdgenError(`${where}: not found in the mirror ${options.mirror}`);
      await copyFile(where, tmp).catch((e: NodeJS.ErrnoException) => {
        throw new WeirdgenError(`${where}: cannot copy from the mirror (${e.code ?? e.message})`);
      });
      origin = 'mirror';
    } else {
      const url = sourceUrl(source, options.urlBase ?? DEFAULT_URL_BASE);
      where = redactUrl(url);
      await download(url, tmp, options.timeoutMs ?? 60_000);
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

export async function download(url: string, file: string, timeoutMs: number): Promise<void> {
  const shown = redactUrl(url);
  const hint = 'use --mirror DIR or WEIRDGEN_DATA_MIRROR to read a local copy';
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
