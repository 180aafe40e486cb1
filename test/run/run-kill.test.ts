// A run killed during fine-tuning and again during evaluation, then restarted, finishes with each
// fine-tuning job created once, nothing asked twice, and the base model's answers equal to those of
// an uninterrupted run (fine-tuned models' names carry job ids, so their sample seeds differ).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode, spawnCli, spawnServe } from '../helpers/serve-process.js';

const ARGS = ['run', 'sandbox-birds', '--seeds', '2', '--samples', '20'];

function answers(dir: string): string[] {
  return readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .map((r) => `${String(r.group)}|${String(r.question)}|${String(r.sample_ix)}|${String(r.answer)}|${String(r['held-out_old-era_share'] ?? '')}`)
    .sort();
}

async function killWhen(workspace: string, out: string, pattern: RegExp): Promise<void> {
  const child = spawnCli(['--workspace', workspace, ...ARGS, '--out', out]);
  let text = '';
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  while (!pattern.test(text)) {
    if (child.exitCode !== null) throw new Error(`the run ended before ${pattern}: ${text.slice(-500)}`);
    await sleep(20);
  }
  child.kill('SIGKILL');
  expect(await exitCode(child)).toBe(null);
}

describe('a killed run resumes', () => {
  it('killed while fine-tuning and while evaluating, it finishes with no job created twice and the same answers', async () => {
    const reference = JSON.parse((await cli(['--workspace', tempDir(), '--json', ...ARGS, '--out', tempDir()])).stdout) as { dir: string };

    const ws = tempDir();
    const out = tempDir();
    await killWhen(ws, out, /seed 1: created/);
    await killWhen(ws, out, /answers\s+[░█]+\s+[1-9]/);
    const resumed = await cli(['--workspace', ws, '--json', ...ARGS, '--out', out]);
    expect(resumed.code, resumed.stderr.slice(-1000)).toBe(0);
    const { dir } = JSON.parse(resumed.stdout) as { dir: string };
    const base = (rows: string[]) => rows.filter((r) => r.startsWith('base|'));
    expect(base(answers(dir))).toEqual(base(answers(reference.dir)));
    expect(answers(dir)).toHaveLength(answers(reference.dir).length);
    const again = await cli(['--workspace', ws, ...ARGS, '--out', out]);
    expect(again.stderr.match(/already launched/g)?.length).toBe(4);
    expect(again.stdout).toMatch(/answers\s+1,200 calls\s+1,200 cached\s+0 asked/);

    // The sandbox server's own records, read by a server started on the same workspace.
    const serve = await spawnServe([], {}, ws);
    try {
      const jobs = (await new OpenAI({ baseURL: serve.url, apiKey: 'x', maxRetries: 0 }).fineTuning.jobs.list({ limit: 100 })).data;
      expect(jobs).toHaveLength(4);
      expect(jobs.every((j) => j.status === 'succeeded')).toBe(true);
    } finally {
      await serve.stop();
    }
  }, 240_000);
});
