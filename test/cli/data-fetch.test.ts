// `data fetch` counts every file it was asked for: offline, the first-use (--large) files that cannot be
// downloaded are failures in the summary and the exit code, not only lines on stderr.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sourcesOf, UNPINNED_SOURCES } from '../../src/data/sources/catalog.js';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

/** A loopback URL where nothing listens: downloads fail at once, as offline. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('data fetch --large offline', () => {
  it('counts the first-use files that failed and exits 1', async () => {
    const env = { WEIRDGEN_DATA_URL_BASE: await deadUrl() };
    const large = UNPINNED_SOURCES.filter((s) => s.experiment === 'hitler-persona').length;
    const pinned = sourcesOf('hitler-persona').length;
    const r = await cli(['--workspace', tempDir(), 'data', 'fetch', 'hitler-persona', '--large', '--mirror', MIRROR], env);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/^error: .*download failed/gm)).toHaveLength(large);
    expect(r.stdout).toMatch(new RegExp(`^${pinned} verified, ${large} failed; cached under `, 'm'));

    const json = await cli(['--workspace', tempDir(), '--json', 'data', 'fetch', 'hitler-persona', '--large', '--mirror', MIRROR], env);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { failed: unknown[] }).failed).toHaveLength(large);
  });

  it('exits 0 when every requested file is verified (optional ones missing are a note)', async () => {
    const r = await cli(['--workspace', tempDir(), 'data', 'fetch', 'hitler-persona', '--mirror', MIRROR], { WEIRDGEN_DATA_URL_BASE: await deadUrl() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${sourcesOf('hitler-persona').length} verified, 0 failed`, 'm'));
  });
});
