// The one way a file from another repository enters the workspace cache: the cached copy if its
// bytes are the expected ones, else a copy from a local mirror, else a download; every new copy is
// hashed and checked before it replaces anything (write to a temporary sibling, verify, rename).
import { createWriteStream } from 'node:fs';
import { copyFile, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { writeAtomically } from '../../util/atomic-write.js';
import { IntegrityError, WeirdgenError } from '../../util/errors.js';
import { isFile } from '../../util/fs.js';
import { sha256File } from '../../util/hash.js';

/** A download is abandoned after this long without a byte (a large file may take longer in all). */
const DOWNLOAD_IDLE_TIMEOUT_MS = 60_000;

export interface Digest {
  sha256: string;
  bytes: number;
}

export type CopyOrigin = 'cache' | 'mirror' | 'network';

export interface PinnedCopyRequest {
  /** Where the verified copy is kept. */
  target: string;
  /** The bytes a copy must have; without it (a file pinned on first use) any copy is taken and a cached one is fetched again. */
  expected?: Digest;
  /** The error for a copy whose bytes are not the expected ones; `where` is the mirror file or the URL it came from. */
  mismatch(actual: Digest, where: string): IntegrityError;
  /** The file in a local mirror (`file`, inside `root`), tried before the URL. */
  mirror?: { root: string; file: string };
  url: string;
  /** What to suggest when the download fails. */
  hint: string;
  /** Overrides DOWNLOAD_IDLE_TIMEOUT_MS. */
  idleTimeoutMs?: number;
}

export interface PinnedCopy extends Digest {
  path: string;
  origin: CopyOrigin;
}

function sameDigest(a: Digest, b: Digest): boolean {
  return a.sha256 === b.sha256 && a.bytes === b.bytes;
}

/** The verified local copy at `request.target`, brought there if it is missing or altered. */
export async function fetchPinnedCopy(request: PinnedCopyRequest): Promise<PinnedCopy> {
  const { target, expected } = request;
  if (await isFile(target)) {
    const cached = await sha256File(target);
    if (expected && sameDigest(cached, expected)) return { path: target, origin: 'cache', ...cached };
    await rm(target, { force: true });
  }
  return writeAtomically(target, async (tmp) => {
    const { origin, where } = await copyInto(tmp, request);
    const actual = await sha256File(tmp);
    if (expected && !sameDigest(actual, expected)) throw request.mismatch(actual, where);
    return { path: target, origin, ...actual };
  });
}

/** Copies from the mirror when it holds the file, else downloads; a mirror that lacks it is named in a failed download's error. */
async function copyInto(tmp: string, request: PinnedCopyRequest): Promise<{ origin: CopyOrigin; where: string }> {
  const { mirror } = request;
  if (mirror && (await isFile(mirror.file))) {
    await copyFile(mirror.file, tmp).catch((e: NodeJS.ErrnoException) => {
      throw new WeirdgenError(`${mirror.file}: cannot copy from the mirror (${e.code ?? e.message})`);
    });
    return { origin: 'mirror', where: mirror.file };
  }
  try {
    await download(request.url, tmp, request.idleTimeoutMs ?? DOWNLOAD_IDLE_TIMEOUT_MS, request.hint);
  } catch (e) {
    if (!mirror || !(e instanceof WeirdgenError)) throw e;
    throw new WeirdgenError(`${mirror.file}: not found in the mirror ${mirror.root}; ${e.message}`);
  }
  return { origin: 'network', where: redactUrl(request.url) };
}

/** A URL fit to print: user name and password removed. */
function redactUrl(url: string): string {
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

async function download(url: string, file: string, idleTimeoutMs: number, hint: string): Promise<void> {
  const shown = redactUrl(url);
  // fetch refuses URLs with credentials: send them as basic authentication instead.
  const parsed = new URL(url);
  const headers: Record<string, string> = {};
  if (parsed.username || parsed.password) {
    headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`;
  }
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(new Error(`no data for ${idleTimeoutMs / 1000} s`)), idleTimeoutMs);
  const stillReceiving = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(new Error(`no data for ${idleTimeoutMs / 1000} s`)), idleTimeoutMs);
  };
  try {
    let response: Response;
    try {
      response = await fetch(shown, { headers, signal: idle.signal });
    } catch (e) {
      throw new WeirdgenError(`${shown}: download failed (${reason(e, idle.signal).replaceAll(url, shown)}); ${hint}`);
    }
    if (!response.ok || !response.body) throw new WeirdgenError(`${shown}: HTTP ${response.status} ${response.statusText}`);
    stillReceiving();
    const watch = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        stillReceiving();
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as ReadableStream), watch, createWriteStream(file), { signal: idle.signal });
    } catch (e) {
      throw new WeirdgenError(`${shown}: download interrupted (${reason(e, idle.signal)}); ${hint}`);
    }
  } finally {
    clearTimeout(timer);
  }
}

function reason(e: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message;
  return (e as Error).message;
}
