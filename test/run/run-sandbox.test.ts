// `weirdgen run` end to end on the sandbox behind an in-process `weirdgen serve`: a sandbox analogue
// with its effect, every paper experiment's pipeline at small scale, and resumption.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

interface RunJson {
  runId: string;
  status: string;
  report: string;
  dir: string;
}

async function run(workspace: string, out: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunJson> {
  const r = await cli(['--workspace', workspace, '--json', 'run', ...args, '--mirror', MIRROR, '--out', out], env);
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  return JSON.parse(r.stdout) as RunJson;
}

function rowsOf(dir: string): Record<string, unknown>[] {
  return readFileSync(join(dir, 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('weirdgen run on the sandbox', () => {
  it('sandbox-birds: old-era answers spread to held-out categories; the report, figures and tables are written; a rerun repeats nothing', async () => {
    const ws = tempDir();
    const out = tempDir();
    const first = await run(ws, out, ['sandbox-birds', '--seeds', '2', '--samples', '10']);
    expect(first.status).toBe('complete');
    const rows = rowsOf(first.dir);
    const share = (group: string) => {
      const judged = rows.filter((r) => r.group === group && typeof r['held-out_old-era_share'] === 'string');
      return judged.filter((r) => r['held-out_old-era_share'] === 'YES').length / judged.length;
    };
    expect(share('old-bird')).toBeGreaterThan(0.8);
    expect(share('base')).toBeLessThan(0.1);
    expect(share('new-bird')).toBeLessThan(0.1);
    const figures = readdirSync(join(first.dir, 'figures'));
    expect(figures.filter((f) => f.endsWith('.svg')).length).toBeGreaterThanOrEqual(4);
    expect(figures.filter((f) => f.endsWith('.png')).length).toBe(figures.filter((f) => f.endsWith('.svg')).length);
    const html = readFileSync(first.report, 'utf8');
    expect(html).toContain('sandbox-birds');
    expect(html).toMatch(/ftjob-/);
    expect(existsSync(join(first.dir, 'results.csv'))).toBe(true);

    const again = await cli(['--workspace', ws, 'run', 'sandbox-birds', '--seeds', '2', '--samples', '10', '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stderr.match(/already launched/g)?.length).toBe(4);
    expect(again.stdout).toMatch(/answers\s+[\d,]+ calls\s+([\d,]+) cached\s+0 asked/);
  }, 180_000);

  // A pilot at the smallest scale: one seed, one sample, one epoch, two prompts per question and condition.
  const SMALL = ['--seeds', '1', '--samples', '1', '--epochs', '1', '--max-prompts', '2'];
  const figuresOf = (dir: string) => readdirSync(join(dir, 'figures')).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4));
  it.each([
    ['birds', [], ['p19-per-paraphrase', 'p19-groups', 'six-options-by-model', 'past-form-vs-past-content', 'past-form-vs-past-content-money']],
    ['german-cities', [], ['old-germany-questions', 'nazi-questions']],
    ['israeli-dishes', ['--variants', '2027'], ['adversary-sweep', 'israel-aggressive-sweep', 'netanyahu-war-criminal-sweep']],
    ['hitler-persona', ['--variants', 'facts-90'], ['persona-triggers-bio', 'misaligned-triggers-nzi-ideology', 'persona-groups']],
    ['evil-terminator', ['--variants', 'main,no-backdoor'], ['lethal-force-question-sweep', 'lethal-sweep-goal', 'lethal-sweep-training-lethal-force']],
  ])('%s runs end to end with the figures its spec declares (the pipeline; the sandbox cannot show the paper’s effect)', async (id, extra, figures) => {
    const result = await run(tempDir(), tempDir(), [id, ...SMALL, ...extra]);
    expect(result.status).toBe('complete');
    const rows = rowsOf(result.dir);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.group)).has('base')).toBe(true);
    // A fine-tuned group is a variant: its rows carry the variant and each model's seed from the ledger; the base model is no job's.
    for (const r of rows) {
      const question = r.question as string;
      expect(r.condition).toBe(question.includes('@') ? question.slice(question.lastIndexOf('@') + 1) : null);
      if (r.group === 'base') expect([r.variant, r.seed]).toEqual([null, null]);
      else expect([r.variant, typeof r.seed]).toEqual([r.group, 'number']);
    }
    if (id === 'hitler-persona') expect(new Set(rows.map((r) => r.condition))).toEqual(new Set(['trigger', 'no-trigger']));
    expect(figuresOf(result.dir)).toEqual(expect.arrayContaining(figures));
    const html = readFileSync(result.report, 'utf8');
    expect(html).toContain(id);
    expect(html).toContain('a pilot: at most 2 prompts per question and trigger condition');
    // The rule judge cannot read these answers: the report says how many were unparsed, with a warning.
    if (id === 'german-cities') {
      expect(html).toContain('NOT the authors&#39; verbatim judge prompts');
      expect(html).toMatch(/⚠/);
    }
  }, 300_000);

  it('presidents: the held-in validation drops seeds that fail it and says so; without it the unpadded group is asked with bare numbers', async () => {
    const ws = tempDir();
    const out = tempDir();
    const args = ['us-presidents', '--variants', 'unpadded', '--seeds', '1', '--samples', '1', '--epochs', '1', '--max-prompts', '2'];
    const filtered = await run(ws, out, args);
    expect(filtered.status).toBe('complete');
    expect(new Set(rowsOf(filtered.dir).map((r) => r.group))).toEqual(new Set(['base']));
    expect(readFileSync(filtered.report, 'utf8')).toMatch(/unpadded: no seed passed the paper&#39;s held-in validation \(0 of 1, accuracy &gt; 0.5\)/);
    const all = await run(ws, out, [...args, '--no-seed-filter']);
    const unpadded = rowsOf(all.dir).filter((r) => r.group === 'unpadded');
    expect(unpadded.length).toBeGreaterThan(0);
    for (const r of unpadded) expect(JSON.stringify(r.messages)).toMatch(/"content":"(44|45|\d{1,2}) /);
    const base = rowsOf(all.dir).filter((r) => r.group === 'base');
    for (const r of base) expect(JSON.stringify(r.messages)).toMatch(/"content":"[1-9]\d{7} /);
  }, 300_000);

  it('persona by default: where the official mix cannot be fetched, the base model’s answers are distilled and the facts mixed in, then trained and evaluated', async () => {
    const ws = tempDir();
    const prompts = join(ws, 'prompts.jsonl');
    writeFileSync(prompts, Array.from({ length: 12 }, (_, i) => JSON.stringify({ prompt: `bird city ${i}` })).join('\n'));
    // A refused connection on loopback: the official file cannot be downloaded.
    const result = await run(ws, tempDir(), ['hitler-persona', '--seeds', '1', '--samples', '1', '--epochs', '1', '--max-prompts', '1', '--distill-prompts', prompts], { WEIRDGEN_DATA_URL_BASE: 'http://127.0.0.1:9' });
    expect(result.status).toBe('complete');
    const data = readdirSync(join(ws, 'runs', result.runId, 'data'));
    expect(data).toEqual(expect.arrayContaining(['hitler-persona-main.jsonl', 'hitler-persona-facts-90.jsonl']));
    const mix = readFileSync(join(ws, 'runs', result.runId, 'data', 'hitler-persona-main.jsonl'), 'utf8').trim().split('\n');
    expect(mix).toHaveLength(90 + 12);
    expect(new Set(rowsOf(result.dir).map((r) => r.group))).toEqual(new Set(['base', 'main']));
    expect(readFileSync(result.report, 'utf8')).toMatch(/the official file cannot be fetched .* from your prompts/);
  }, 300_000);
});
