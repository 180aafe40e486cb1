// Where weirdgen writes is checked before any long or paid step, with a clear error (exit 1):
// a path under a file, a folder that cannot be made (/proc), for --out and --workspace alike.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { ensureWritableDir } from '../../src/util/output-dir.js';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

function aFile(): string {
  const file = join(tempDir(), 'a-file');
  writeFileSync(file, 'x');
  return file;
}

describe('output locations', () => {
  it('makes missing folders one level at a time and proves them writable', () => {
    const dir = join(tempDir(), 'a', 'b', 'c');
    expect(ensureWritableDir(dir, '--out')).toBe(dir);
    expect(existsSync(dir)).toBe(true);
    expect(() => ensureWritableDir(join(aFile(), 'sub'), '--out')).toThrow(/--out: .*a-file is a file, not a folder/);
    // A recursive mkdir under /proc spins forever; one level at a time fails at once.
    expect(() => ensureWritableDir('/proc/weirdgen-check/x', '--out')).toThrow(/--out: cannot make the folder \/proc\/weirdgen-check \(ENOENT\)/);
  });

  it('run: an --out that cannot be written stops the run before any fine-tuning job, with exit 1', async () => {
    for (const out of [join(aFile(), 'reports'), '/proc/weirdgen-out']) {
      const ws = tempDir();
      const r = await cli(['--workspace', ws, 'run', 'sandbox-birds', '--seeds', '1', '--samples', '1', '--out', out, '--mirror', MIRROR]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^error: --out: /m);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(existsSync(join(ws, 'weirdgen.db'))).toBe(false);
    }
  });

  it('a --workspace under a file, and --out of export and data build, fail the same way', async () => {
    const ws = join(aFile(), 'ws');
    const results = await cli(['--workspace', ws, 'results']);
    expect(results.code).toBe(1);
    expect(results.stderr).toMatch(/--workspace: .* is a file, not a folder/);
    const build = await cli(['--workspace', tempDir(), 'data', 'build', 'birds', '--variant', 'old-audubon', '--out', '/proc/weirdgen/x.jsonl', '--mirror', MIRROR]);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/--out: cannot make the folder \/proc\/weirdgen \(ENOENT\)/);
    const store = tempDir();
    openStore(store).close();
    const exported = await cli(['--workspace', store, 'export', 'no-such-run', '--out', join(aFile(), 'rows.csv')]);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/--out: .* is a file, not a folder/);
  });
});
