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
import { cachePath, MIRROR_HINT, pinnedLocation, type FetchOptions } from './fetch.js';
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

function pinsFile(workspace: string): string {
  return join(resolve(workspace), 'sources', 'first-use-pins.json');
}

async function readPins(workspace: string): Promise<Pins> {
  const file = pinsFile(workspace);
  if (!(await isFile(file))) return {};
  const parsed = pinsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new WeirdgenError(`${file}: not a pins file weirdgen wrote (${z.prettifyError(parsed.error)}); remove it to record the pins again`);
  return parsed.data;
}

export async function fetchFirstUse(source: UnpinnedSource, options: FetchOptions): Promise<FirstUseFetch> {
  const pins = await readPins(options.workspace);
  const pin = pins[source.path];
  const location = pinnedLocation(source, options);
  const copy = await fetchPinnedCopy({
    target: cachePath(options.workspace, source),
    ...(pin ? { expected: pin } : {}),
    mismatch: (actual, where) =>
      new IntegrityError(`${where}: sha256 mismatch for ${source.path}: the first fetch (${pin?.recordedAt}) recorded ${pin?.sha256} (${pin?.bytes} bytes), this copy is ${actual.sha256} (${actual.bytes} bytes). The file was not used.`),
    ...(location.mirror !== undefined ? { mirror: { root: location.mirror, file: join(location.mirror, source.path) } } : {}),
    url: location.url,
    hint: MIRROR_HINT,
    ...(options.timeoutMs !== undefined ? { idleTimeoutMs: options.timeoutMs } : {}),
  });
  if (!pin) {
    const recorded = { ...pins, [source.path]: { sha256: copy.sha256, bytes: copy.bytes, recordedAt: new Date().toISOString() } };
    await writeFileAtomic(pinsFile(options.workspace), `${JSON.stringify(recorded, null, 2)}\n`);
  }
  return { source, path: copy.path, sha256: copy.sha256, bytes: copy.bytes, origin: copy.origin, recorded: !pin };
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
