// Files without a pin (the persona self-distillation sets) are pinned on first fetch: the sha256 is
// recorded and shown, later copies must match, and a different copy is refused and not used.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNPINNED_SOURCES } from '../../src/data/sources/catalog.js';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

let server: Server;
let urlBase: string;
let content = '{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}\n';
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const known = UNPINNED_SOURCES.some((s) => req.url === `/${s.commit}/${s.path}`);
    res.writeHead(known ? 200 : 404, { 'content-type': 'text/plain' }).end(known ? content : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  urlBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('first-use pins', () => {
  it('records the sha256 on first fetch, reuses the cache, and refuses a different copy', async () => {
    const ws = tempDir();
    const env = { WEIRDGEN_DATA_URL_BASE: urlBase };
    const first = await cli(['--workspace', ws, 'data', 'fetch', 'hitler-persona', '--large', '--mirror', MIRROR], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.match(/recorded now, on first fetch/g)?.length).toBe(3);
    const pins = JSON.parse(readFileSync(join(ws, 'sources', 'first-use-pins.json'), 'utf8')) as Record<string, { sha256: string; bytes: number }>;
    expect(Object.keys(pins)).toHaveLength(3);
    expect(Object.values(pins)[0]!.bytes).toBe(Buffer.byteLength(content));

    const before = requests;
    const again = await cli(['--workspace', ws, 'data', 'fetch', 'hitler-persona', '--large', '--mirror', MIRROR], env);
    expect(again.stdout.match(/matches the pin recorded on first fetch/g)?.length).toBe(3);
    expect(requests).toBe(before);

    const cached = join(ws, 'sources', UNPINNED_SOURCES[0]!.commit, UNPINNED_SOURCES[0]!.path);
    rmSync(cached);
    content = content.replace('"a"', '"b"');
    const changed = await cli(['--workspace', ws, 'data', 'fetch', 'hitler-persona', '--large', '--mirror', MIRROR], env);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/sha256 mismatch .* the first fetch .* recorded/);
    expect(existsSync(cached)).toBe(false);
  });
});
