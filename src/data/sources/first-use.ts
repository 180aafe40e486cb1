// Fetching the official files that have no pin yet: the first verified copy's sha256 and size are
// recorded in the workspace (<workspace>/sources/first-use-pins.json) and shown; later copies, from
// the cache, a mirror or the URL, must match them.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { IntegrityError, WeirdgenError } from '../../util/errors.js';
import { isFile } from '../../util/fs.js';
import { sha256File } from '../../util/hash.js';
import { DEFAULT_URL_BASE, sourceUrl, type UnpinnedSource } from './catalog.js';
import { download, redactUrl, type FetchOptions } from './fetch.js';

const pinsSchema = z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.int().nonnegative(), recordedAt: z.string() }));
type Pins = z.infer<typeof pinsSchema>;

export interface FirstUseFetch {
  source: UnpinnedSource;
  path: string;
  sha256: string;
  bytes: number;
  origin: 'cache' | 'mirror' | 'network';
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
  const target = join(resolve(options.workspace), 'sources', source.commit, source.path);
  const pins = await readPins(options.workspace);
  const pin = pins[source.path];
  if (pin && (await isFile(target))) {
    const actual = await sha256File(target);
    if (actual.sha256 === pin.sha256 && actual.bytes === pin.bytes) return { source, path: target, ...actual, origin: 'cache', recorded: false };
    await rm(target, { force: true });
  }
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}-${randomUUID()}`;
  try {
    let origin: FirstUseFetch['origin'];
    let where: string;
    const mirrored = options.mirror !== undefined ? join(options.mirror, source.path) : undefined;
    if (mirrored && (await isFile(mirrored))) {
      await copyFile(mirrored, tmp);
      origin = 'mirror';
      where = mirrored;
    } else {
      const url = sourceUrl(source, options.urlBase ?? DEFAULT_URL_BASE);
      await download(url, tmp, options.timeoutMs ?? 300_000);
      origin = 'network';
      where = redactUrl(url);
    }
    const actual = await sha256File(tmp);
    if (pin && (actual.sha256 !== pin.sha256 || actual.bytes !== pin.bytes)) {
      throw new IntegrityError(`${where}: sha256 mismatch for ${source.path}: the first fetch (${pin.recordedAt}) recorded ${pin.sha256} (${pin.bytes} bytes), this copy is ${actual.sha256} (${actual.bytes} bytes). The file was not used.`);
    }
    await rename(tmp, target);
    if (!pin) {
      const file = pinsFile(options.workspace);
      await writeFile(`${file}.tmp`, `${JSON.stringify({ ...pins, [source.path]: { ...actual, recordedAt: new Date().toISOString() } }, null, 2)}\n`);
      await rename(`${file}.tmp`, file);
    }
    return { source, path: target, ...actual, origin, recorded: !pin };
  } finally {
    await rm(tmp, { force: true });
  }
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
