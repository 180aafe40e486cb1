// Fetching pinned sources: cache, mirror, download over HTTP, and refusal of corrupted copies.
import { cpSync, existsSync, writeFileSync, appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_COMMIT, SOURCES, findSource, sourcesOf } from '../../src/data/sources/catalog.js';
import { cachePath, fetchSource, fetchSources } from '../../src/data/sources/fetch.js';
import { IntegrityError } from '../../src/util/errors.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

const BIRDS = findSource('3_1_old_bird_names/datasets/ft_old_audubon_birds.jsonl')!;

describe('fetching from a mirror', () => {
  it('verifies, caches, and then serves from the cache', async () => {
    const workspace = tempDir();
    const first = await fetchSources(sourcesOf('birds'), { workspace, mirror: MIRROR });
    expect(first.failed).toEqual([]);
    expect(first.fetched.map((f) => f.origin)).toEqual(['mirror', 'mirror', 'mirror', 'mirror']);
    const again = await fetchSource(BIRDS, { workspace, mirror: MIRROR });
    expect(again.origin).toBe('cache');
    expect(again.path).toBe(cachePath(workspace, BIRDS));
  });

  it('refuses a corrupted mirror file with a sha256 error and does not cache it', async () => {
    const mirror = tempDir();
    cpSync(MIRROR, mirror, { recursive: true });
    const corrupted = join(mirror, BIRDS.path);
    writeFileSync(corrupted, (await readFile(corrupted, 'utf8')).replace('Large billed Puffin', 'Large billed Puffim'));
    const workspace = tempDir();
    const summary = await fetchSources(sourcesOf('birds'), { workspace, mirror });
    expect(summary.fetched).toHaveLength(3);
    expect(summary.failed).toHaveLength(1);
    const { source, error } = summary.failed[0]!;
    expect(source.path).toBe(BIRDS.path);
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error.message).toContain('sha256 mismatch');
    expect(error.message).toContain(BIRDS.sha256);
    expect(existsSync(cachePath(workspace, BIRDS))).toBe(false);
  });

  it('replaces a cached copy that was tampered with', async () => {
    const workspace = tempDir();
    const { path } = await fetchSource(BIRDS, { workspace, mirror: MIRROR });
    appendFileSync(path, '{"messages": []}\n');
    const again = await fetchSource(BIRDS, { workspace, mirror: MIRROR });
    expect(again.origin).toBe('mirror');
    expect(await readFile(again.path, 'utf8')).toBe(await readFile(join(MIRROR, BIRDS.path), 'utf8'));
  });

});

describe('downloading by pinned URL', () => {
  let server: Server;
  let base = '';
  let corrupt = false;
  const requests: string[] = [];
  const authorizations: (string | undefined)[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      authorizations.push(req.headers.authorization);
      const prefix = `/raw/${REPO_COMMIT}/`;
      const path = decodeURIComponent((req.url ?? '').slice(prefix.length));
      if (!req.url?.startsWith(prefix) || !SOURCES.some((s) => s.path === path)) {
        res.writeHead(404).end('not found');
        return;
      }
      readFile(join(MIRROR, path)).then((body) => res.writeHead(200).end(corrupt ? Buffer.concat([body, Buffer.from('x')]) : body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/raw`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads from <urlBase>/<commit>/<path> and verifies the hash', async () => {
    corrupt = false;
    const fetched = await fetchSource(BIRDS, { workspace: tempDir(), urlBase: base });
    expect(fetched.origin).toBe('network');
    expect(requests.at(-1)).toBe(`/raw/${REPO_COMMIT}/${BIRDS.path}`);
  });

  it('refuses a download whose bytes differ from the pin', async () => {
    corrupt = true;
    const workspace = tempDir();
    await expect(fetchSource(BIRDS, { workspace, urlBase: base })).rejects.toThrow(IntegrityError);
    expect(existsSync(cachePath(workspace, BIRDS))).toBe(false);
  });

  it('downloads what the mirror lacks, and names the mirror when the download fails too', async () => {
    corrupt = false;
    const mirror = tempDir();
    const fetched = await fetchSource(BIRDS, { workspace: tempDir(), mirror, urlBase: base });
    expect(fetched.origin).toBe('network');
    expect(requests.at(-1)).toBe(`/raw/${REPO_COMMIT}/${BIRDS.path}`);
    const error = await fetchSource(BIRDS, { workspace: tempDir(), mirror, urlBase: `${base}/missing` }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`${join(mirror, BIRDS.path)}: not found in the mirror ${mirror}; ${base}/missing/${REPO_COMMIT}/${BIRDS.path}: HTTP 404 Not Found`);
  });

  it('gives up on a download that stops sending, however long a slow one takes in all', async () => {
    const body = await readFile(join(MIRROR, BIRDS.path));
    const chunks = 12;
    const trickle = createServer((req, res) => {
      res.writeHead(200);
      if (req.url?.startsWith('/stall/')) {
        res.write(body.subarray(0, 100));
        return;
      }
      const size = Math.ceil(body.length / chunks);
      let sent = 0;
      const next = (): void => {
        res.write(body.subarray(sent * size, (sent + 1) * size));
        sent += 1;
        if (sent < chunks) setTimeout(next, 100);
        else res.end();
      };
      next();
    });
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
    const port = (trickle.address() as AddressInfo).port;
    try {
      // 12 chunks 100 ms apart take longer than the 1 s limit, which bounds only the silences.
      const slow = await fetchSource(BIRDS, { workspace: tempDir(), urlBase: `http://127.0.0.1:${port}/slow`, timeoutMs: 1000 });
      expect(slow.origin).toBe('network');
      await expect(fetchSource(BIRDS, { workspace: tempDir(), urlBase: `http://127.0.0.1:${port}/stall`, timeoutMs: 300 })).rejects.toThrow(/download interrupted \(no data for 0.3 s\)/);
    } finally {
      trickle.closeAllConnections();
      await new Promise<void>((resolve) => trickle.close(() => resolve()));
    }
  });

  it('reports HTTP errors with the URL, never with credentials in it', async () => {
    await expect(fetchSource(BIRDS, { workspace: tempDir(), urlBase: `${base}/missing` })).rejects.toThrow(/HTTP 404/);
    const withToken = base.replace('http://', 'http://user:s3cret-token@');
    const error = await fetchSource(BIRDS, { workspace: tempDir(), urlBase: `${withToken}/missing` }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/HTTP 404/);
    expect((error as Error).message).not.toContain('s3cret-token');
    expect(authorizations.at(-1)).toBe(`Basic ${Buffer.from('user:s3cret-token').toString('base64')}`);
  });
});
