// Several files written in one pass: each appears whole, and a pass that throws leaves none of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomic } from '../../src/util/atomic-write.js';
import { tempDir } from '../helpers/paths.js';

describe('writeFilesAtomic', () => {
  it('writes each file whole, across many pieces', async () => {
    const dir = tempDir();
    const files = [join(dir, 'a.csv'), join(dir, 'b.jsonl')];
    await writeFilesAtomic(files, ([a, b]) => {
      for (let i = 0; i < 20_000; i++) {
        a!(`${i},row\r\n`);
        b!(`{"i":${i}}\n`);
      }
    });
    expect(readFileSync(files[0]!, 'utf8').split('\r\n')).toHaveLength(20_001);
    expect(readFileSync(files[1]!, 'utf8').trim().split('\n').at(-1)).toBe('{"i":19999}');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.jsonl']);
  });

  it('leaves no file, and no temporary one, when the pass throws', async () => {
    const dir = tempDir();
    const files = [join(dir, 'a.csv'), join(dir, 'b.jsonl')];
    await expect(
      writeFilesAtomic(files, ([a]) => {
        a!('x'.repeat(100_000));
        throw new Error('store gone');
      }),
    ).rejects.toThrow('store gone');
    expect(files.some((f) => existsSync(f))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
