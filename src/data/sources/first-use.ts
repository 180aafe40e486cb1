// Fetching the official files that have no pin yet: the first verified copy's sha256 and size are
// recorded in the workspace (<workspace>/sources/first-use-pins.json) and shown; later copies, from
// the cache, a mirror or the URL, must match them.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { IntegrityError, WeirdgenError } from '../../util/errors.js';
import { isFile } from '../../util/fs.js';
import type { UnpinnedSource } from './catalog.js';
import { cachePath, MIRROR_HINT, pinnedLocation, type FetchOptions, type PinnedFile } from './fetch.js';
import { fetchPinnedCopy, type CopyOrigin } from './pinned-copy.js';

const pinsSchema = z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.int().nonnegative(), recordedAt: z.string() }));
type Pins = z.infer<typeof pinsSchema>;

export interface FirstUseFetch {
  source: UnpinnedSource;
  path: string;
  sha256: string;
  bytes: number;
  origin: CopyOrigin;
  /** True when this fetch recorded the pin. */
  recorded: boolean;
}

/** The workspace's file of first-use pins of one kind of source (`first-use-pins.json` for the paper's files). */
function pinsFile(workspace: string, name: string): string {
  return join(resolve(workspace), 'sources', name);
}

async function readPins(file: string): Promise<Pins> {
  if (!(await isFile(file))) return {};
  const parsed = pinsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new WeirdgenError(`${file}: not a pins file weirdgen wrote (${z.prettifyError(parsed.error)}); remove it to record the pins again`);
  return parsed.data;
}

/** A file pinned by repository and commit whose sha256 is recorded on first use. */
export interface FirstUseFile {
  source: Pick<PinnedFile, 'repo' | 'commit' | 'path'>;
  /** Its name in the pins file. */
  key: string;
  /** The pins file, under <workspace>/sources/. */
  pinsName: string;
  /** What to do when no copy can be had. */
  hint: string;
}

/** A verified local copy: the first copy's sha256 and size are recorded, later copies must match them. */
export async function fetchWithFirstUsePin(f: FirstUseFile, options: FetchOptions): Promise<{ path: string; sha256: string; bytes: number; origin: CopyOrigin; recorded: boolean }> {
  const file = pinsFile(options.workspace, f.pinsName);
  const pin = (await readPins(file))[f.key];
  const location = pinnedLocation(f.source, options);
  const copy = await fetchPinnedCopy({
    target: cachePath(options.workspace, f.source),
    ...(pin ? { expected: pin } : {}),
    mismatch: (actual, where) =>
      new IntegrityError(`${where}: sha256 mismatch for ${f.key}: the first fetch (${pin?.recordedAt}) recorded ${pin?.sha256} (${pin?.bytes} bytes), this copy is ${actual.sha256} (${actual.bytes} bytes). The file was not used.`),
    ...(location.mirror !== undefined ? { mirror: { root: location.mirror, file: join(location.mirror, f.source.path) } } : {}),
    url: location.url,
    hint: f.hint,
    ...(options.timeoutMs !== undefined ? { idleTimeoutMs: options.timeoutMs } : {}),
  });
  if (!pin) {
    // Read again: another file may have been pinned meanwhile.
    const recorded = { ...(await readPins(file)), [f.key]: { sha256: copy.sha256, bytes: copy.bytes, recordedAt: new Date().toISOString() } };
    await writeFileAtomic(file, `${JSON.stringify(recorded, null, 2)}\n`);
  }
  return { path: copy.path, sha256: copy.sha256, bytes: copy.bytes, origin: copy.origin, recorded: !pin };
}

export async function fetchFirstUse(source: UnpinnedSource, options: FetchOptions): Promise<FirstUseFetch> {
  const copy = await fetchWithFirstUsePin({ source, key: source.path, pinsName: 'first-use-pins.json', hint: MIRROR_HINT }, options);
  return { source, ...copy };
}

/** Every source, going on past failures. */
export async function fetchFirstUseSources(sources: readonly UnpinnedSource[], options: FetchOptions): Promise<{ fetched: FirstUseFetch[]; failed: { source: UnpinnedSource; error: Error }[] }> {
  const result: { fetched: FirstUseFetch[]; failed: { source: UnpinnedSource; error: Error }[] } = { fetched: [], failed: [] };
  for (const source of sources) {
    try {
      result.fetched.push(await fetchFirstUse(source, options));
    } catch (e) {
      result.failed.push({ source, error: e as Error });
    }
  }
  return result;
}
