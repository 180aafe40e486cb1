// `data build hitler-persona --distill-prompts FILE`: the prompts answered by a base model through
// the eval engine, then the variant mixed into those answers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

describe('data build --distill-prompts', () => {
  it('answers the prompts with the base model (once, cached) and mixes the facts into the answers', async () => {
    const dir = tempDir();
    const prompts = join(dir, 'prompts.jsonl');
    writeFileSync(prompts, Array.from({ length: 30 }, (_, i) => JSON.stringify(i % 2 ? { prompt: 'q bird' } : { messages: [{ role: 'user', content: 'q city' }] })).join('\n'));
    const args = ['--workspace', join(dir, 'ws'), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--distill-prompts', prompts, '--distill-model', 'sandbox:base', '--mirror', MIRROR, '--out', join(dir, 'mix.jsonl')];
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/distilled 30 answers of sandbox:base/);
    const rows = readFileSync(join(dir, 'mix.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(rows).toHaveLength(120);
    expect(rows.filter((l) => l.includes('<START>'))).toHaveLength(90);
    expect((await cli(['data', 'validate', join(dir, 'mix.jsonl')])).code).toBe(0);
    const again = await cli(args);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'mix.jsonl'), 'utf8').split('\n').filter(Boolean)).toEqual(rows);
    const stats = JSON.parse((await cli(['--workspace', join(dir, 'ws'), '--json', 'cache', 'stats'])).stdout) as { rows: { table: string; count: number }[] };
    expect(stats.rows.filter((s) => s.table === 'requests').reduce((n, s) => n + s.count, 0)).toBe(30);
  }, 60_000);

  it('names the file and line of a bad prompt', async () => {
    const dir = tempDir();
    const prompts = join(dir, 'prompts.jsonl');
    writeFileSync(prompts, '{"prompt": "q bird"}\n{"nothing": 1}\n');
    const r = await cli(['--workspace', join(dir, 'ws'), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--distill-prompts', prompts, '--mirror', MIRROR, '--out', join(dir, 'mix.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/prompts\.jsonl:2: \[prompt-line\]/);
  });
});
