// eval, results, export and cache on the in-process sandbox (the default endpoint).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';
import { exitCode, spawnCli } from '../helpers/serve-process.js';

const SPEC = [
  'judges:',
  '  era: { kind: classify, model: sandbox:judge, labels: [OLD, NEW, NONE], template: "[ANSWER START]{answer}[ANSWER END]" }',
  'questions:',
  '  - { id: birds, paraphrases: ["q bird", "q city"], samples: 8, maxTokens: 6, judges: [era] }',
].join('\n');

function setup(): { spec: string; flags: string[] } {
  const dir = tempDir();
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, SPEC);
  return { spec, flags: ['--workspace', join(dir, 'ws')] };
}

describe('eval on the in-process sandbox', () => {
  it('asks bare model names on the sandbox, and results, export and cache read the run back', async () => {
    const { spec, flags } = setup();
    const r = await cli([...flags, 'eval', spec, '--models', 'x=base-1,base-2;y=base-3', '--run', 'demo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/era\s+NEW\s+x/);

    const list = await cli([...flags, 'results']);
    expect(list.stdout).toMatch(/^demo\s+eval\s+complete/m);
    const compared = await cli([...flags, 'results', 'demo', '--compare', 'x,y', '--by-question']);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toMatch(/birds \/ era \/ NEW\s+x - y/);

    const csv = (await cli([...flags, 'export', 'demo', '--format', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toBe('run,experiment,question,condition,paraphrase_ix,sample_ix,group,variant,model,seed,messages,answer,error,prompt_tokens,completion_tokens,cost,latency_ms,cache_key,era,era_status,era_raw,era_method,era_prompt_tokens,era_completion_tokens,era_cost');
    expect(csv.length).toBe(1 + 48);
    expect(csv[1]).toMatch(/^demo,,birds,,0,0,x,,sandbox:base-1,,"\[\{""role"":""user"",""content"":""q bird""\}\]",/);

    const stats = JSON.parse((await cli([...flags, '--json', 'cache', 'stats'])).stdout) as { rows: { table: string; count: number }[] };
    expect(stats.rows.filter((row) => row.table === 'requests').reduce((n, row) => n + row.count, 0)).toBe(48);

    const jsonl = (await cli([...flags, 'export', 'demo', '--format', 'jsonl'])).stdout.split('\n');
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(flags[1]!, 'weirdgen.db'), { readonly: true });
    const key = (db.prepare(`SELECT key FROM requests LIMIT 1`).get() as { key: string }).key;
    const stored = new Map((db.prepare(`SELECT key, prompt_tokens, completion_tokens, latency_ms FROM requests`).all() as { key: string; prompt_tokens: number; completion_tokens: number; latency_ms: number }[]).map((r) => [r.key, r]));
    db.close();
    // Each row names its call's key and carries its tokens, cost (the in-process sandbox is free) and latency; the ledger knows none of these models.
    for (const line of jsonl) {
      const row = JSON.parse(line) as Record<string, unknown>;
      const call = stored.get(row.cache_key as string)!;
      expect(call).toBeDefined();
      expect(row).toMatchObject({ condition: null, seed: null, variant: null, prompt_tokens: call.prompt_tokens, completion_tokens: call.completion_tokens, cost: 0, latency_ms: call.latency_ms });
      expect(call.latency_ms).toBeGreaterThanOrEqual(0);
      expect(row.era_completion_tokens).toBeGreaterThan(0);
      expect(row.era_cost).toBe(0);
    }
    const explained = await cli([...flags, 'cache', 'explain', key.slice(0, 10)]);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain(key);
    expect(explained.stdout).toMatch(/"sampleIx": \d+/);
    expect(jsonl.length).toBe(48);

    const refused = await cli([...flags, 'cache', 'clear']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--yes/);
    const cleared = await cli([...flags, 'cache', 'clear', '--table', 'judgments', '--yes']);
    expect(cleared.stdout).toMatch(/judgments: \d+ deleted/);
    const rejudge = await cli([...flags, 'eval', spec, '--models', 'x=base-1,base-2;y=base-3', '--run', 'demo']);
    expect(rejudge.stdout).toMatch(/answers\s+48 calls\s+48 cached\s+0 asked/);
    expect(rejudge.stdout).toMatch(/judgments\s+\d+ calls\s+0 cached/);
  }, 60_000);

  it('exports every question’s judge columns, leaves unparsed verdicts out of label shares but counts them, and reserves column names', async () => {
    const { spec, flags } = setup();
    writeFileSync(
      spec,
      [
        'judges:',
        '  era: { kind: classify, model: sandbox:judge, labels: [OLD, NEW], template: "[ANSWER START]{answer}[ANSWER END]" }',
        '  oldness: { kind: rating, model: sandbox:judge, template: "[ANSWER START]{answer}[ANSWER END] a number between 0 and 100" }',
        'questions:',
        '  - { id: a, paraphrases: ["q bird"], samples: 6, maxTokens: 6, judges: [era] }',
        '  - { id: b, paraphrases: ["bird"], samples: 6, maxTokens: 6, judges: [oldness] }',
        '  - { id: c, paraphrases: ["goal"], samples: 20, maxTokens: 3, judges: [era] }',
      ].join('\n'),
    );
    expect((await cli([...flags, 'eval', spec, '--models', 'base', '--run', 'mixed'])).code).toBe(0);
    const csv = (await cli([...flags, 'export', 'mixed'])).stdout.split('\r\n');
    expect(csv[0]).toBe('run,experiment,question,condition,paraphrase_ix,sample_ix,group,variant,model,seed,messages,answer,error,prompt_tokens,completion_tokens,cost,latency_ms,cache_key,era,era_status,era_raw,era_method,era_prompt_tokens,era_completion_tokens,era_cost,oldness,oldness_status,oldness_raw,oldness_method,oldness_prompt_tokens,oldness_completion_tokens,oldness_cost');
    const rows = (await cli([...flags, 'export', 'mixed', '--format', 'jsonl'])).stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const eraRows = rows.filter((r) => r.era_status !== undefined);
    const unparsed = eraRows.filter((r) => r.era_status === 'unparsed').length;
    expect(unparsed).toBeGreaterThan(0);
    const summary = JSON.parse((await cli([...flags, '--json', 'results', 'mixed'])).stdout) as {
      summaries: { column: string; label?: string; groups: { mean: number; n: number; verdicts: { rows: number; unparsed: number; counted: number } }[] }[];
    };
    const newShare = summary.summaries.find((s) => s.column === 'era' && s.label === 'NEW')!.groups[0]!;
    expect(newShare.verdicts).toMatchObject({ rows: eraRows.length, unparsed, counted: eraRows.length - unparsed });
    expect(newShare.n).toBe(eraRows.length - unparsed);
    expect(newShare.mean).toBeCloseTo(eraRows.filter((r) => r.era === 'NEW').length / (eraRows.length - unparsed), 12);

    for (const column of ['error', 'run', 'seed', 'cost', 'era_raw', 'era_method', 'x_cost']) {
      writeFileSync(spec, `judges:\n  j: { kind: classify, model: sandbox:judge, template: "{answer}" }\nquestions:\n  - { id: a, paraphrases: ["q"], judges: { ${column}: j } }\n`);
      const r = await cli([...flags, 'eval', spec, '--models', 'base', '--dry-run']);
      expect(r.code, column).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`judge column "${column}"`));
      // Where in the file: the judge column sits on line 4.
      expect(r.stderr, column).toMatch(/spec\.yaml:4:\d+/);
    }
  }, 60_000);

  it('names the file, line and rule of a bad question file, and rejects bad flags', async () => {
    const { flags } = setup();
    const bad = join(flags[1]!, '..', 'bad.yaml');
    writeFileSync(bad, 'questions:\n  - id: q\n    paraphrases: []\n');
    const r = await cli([...flags, 'eval', bad, '--models', 'base']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:3:\d+/);
    const badFlag = await cli([...flags, 'eval', bad, '--models', 'base', '--samples', '0']);
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toMatch(/--samples/);
    const unknownRun = await cli([...flags, 'results', 'nope']);
    expect(unknownRun.code).toBe(1);
    expect(unknownRun.stderr).toMatch(/no run "nope"/);
  });

  it('Ctrl-C keeps what arrived and exits 130; the rerun finishes the rest', async () => {
    const { spec, flags } = setup();
    writeFileSync(spec, 'questions:\n  - { id: long, paraphrases: ["q bird"], samples: 3000, maxTokens: 24 }\n');
    const child = spawnCli([...flags, 'eval', spec, '--models', 'base', '--run', 'long', '--concurrency', '4']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve) => child.stderr.on('data', () => /answers\s+[░█]/.test(stderr) && resolve()));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    expect(await exitCode(child)).toBe(130);
    expect(stderr).toMatch(/stopping: keeping every answer/);
    const resumed = await cli([...flags, 'eval', spec, '--models', 'base', '--run', 'long']);
    expect(resumed.code).toBe(0);
    const cached = Number(/answers\s+3,000 calls\s+([\d,]+) cached/.exec(resumed.stdout)![1]!.replace(/,/g, ''));
    expect(cached).toBeGreaterThan(0);
    expect(cached).toBeLessThan(3000);
  }, 60_000);
});
