// The eval engine against `weirdgen serve` on loopback: faults, resumption, judges, secrets.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { startEvalServer, type EvalServer } from '../helpers/eval-server.js';
import { tempDir } from '../helpers/paths.js';
import { spawnServe } from '../helpers/serve-process.js';
import { readAnswer } from '../../src/sandbox/judge-model.js';
import { openStore } from '../../src/store/store.js';

let current: EvalServer | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

interface ExportedRow {
  question: string;
  paraphrase_ix: number;
  sample_ix: number;
  group: string;
  model: string;
  answer: string | null;
  [column: string]: unknown;
}

async function exportRows(flags: string[], run: string): Promise<ExportedRow[]> {
  const r = await cli([...flags, 'export', run, '--format', 'jsonl']);
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportedRow);
}

describe('eval through weirdgen serve', () => {
  it('completes 2,000 samples through injected faults with exactly one completion per sample', async () => {
    const serve = await spawnServe(['--faults', '500=0.10,429=0.05,hang=0.02,malformed=0.01,reset=0.01', '--seed', '3']);
    try {
      const dir = tempDir();
      const config = join(dir, 'weirdgen.config.yaml');
      writeFileSync(config, `endpoints:\n  test:\n    baseUrl: ${serve.url}\n`);
      const spec = join(dir, 'faults.yaml');
      writeFileSync(spec, 'questions:\n  - id: f\n    paraphrases: ["q bird", "q city", "q music", "q weapon"]\n    samples: 500\n    maxTokens: 4\n');
      const flags = ['--config', config, '--workspace', join(dir, 'ws')];
      // A request timed out by the client is retried, and the server may have completed it meanwhile:
      // the timeout must stay above what a busy machine takes to answer, yet cut the hangs short.
      const r = await cli([...flags, 'eval', spec, '--models', 'test:base', '--timeout', '4', '--run', 'faults']);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(0);
      const stats = await serve.stats();
      for (const kind of ['500', '429', 'hang', 'malformed', 'reset'] as const) expect(stats.outcomes[kind]).toBeGreaterThan(0);
      const counts = Object.values(stats.completions);
      expect(counts.length).toBe(2000);
      expect(counts.filter((c) => c !== 1)).toEqual([]);
      const rows = await exportRows(flags, 'faults');
      expect(rows.length).toBe(2000);
      expect(new Set(rows.map((row) => `${row.paraphrase_ix}/${row.sample_ix}`)).size).toBe(2000);
      expect(rows.every((row) => typeof row.answer === 'string')).toBe(true);
    } finally {
      await serve.stop();
    }
  }, 120_000);

  it('raising samples from 20 to 40 asks 20 new samples per prompt; a rerun asks nothing', async () => {
    current = await startEvalServer();
    const spec = current.writeSpec('n.yaml', 'questions:\n  - id: n\n    paraphrases: ["q bird", "q city"]\n    maxTokens: 4\n');
    const flags = current.flags();
    const workspace = flags[3]!;
    expect((await cli([...flags, 'eval', spec, '--models', 'test:base', '--samples', '20'])).code).toBe(0);
    expect(current.server.stats().requests).toBe(40);
    current.server.resetStats();
    expect((await cli([...flags, 'eval', spec, '--models', 'test:base', '--samples', '40'])).code).toBe(0);
    expect(current.server.stats().requests).toBe(40);
    const store = openStore(workspace);
    const perPrompt = store.db.prepare(`SELECT json_extract(material, '$.messages[0].content') AS prompt, COUNT(*) AS n, MIN(json_extract(material, '$.sampleIx')) AS lo, MAX(json_extract(material, '$.sampleIx')) AS hi FROM requests GROUP BY prompt ORDER BY prompt`).all();
    store.close();
    expect(perPrompt).toEqual([
      { prompt: 'q bird', n: 40, lo: 0, hi: 39 },
      { prompt: 'q city', n: 40, lo: 0, hi: 39 },
    ]);
    current.server.resetStats();
    const again = await cli([...flags, 'eval', spec, '--models', 'test:base', '--samples', '40']);
    expect(again.code).toBe(0);
    expect(current.server.stats().requests).toBe(0);
    expect(again.stdout).toMatch(/80 calls\s+80 cached\s+0 asked/);
  }, 60_000);

  it('judges through the server: classify labels and logprob ratings match the sandbox judge, and the sampled fallback says so', async () => {
    current = await startEvalServer();
    const spec = current.writeSpec(
      'judged.yaml',
      [
        'judges:',
        '  era: { kind: classify, model: test:judge, labels: [OLD, NEW, NONE], template: "Era of the answer? [ANSWER START]{answer}[ANSWER END]" }',
        '  oldness: { kind: rating, model: test:judge, template: "Q: {question} [ANSWER START]{answer}[ANSWER END] Answer with a number between 0 and 100." }',
        'questions:',
        '  - { id: era, paraphrases: ["q bird", "q city"], samples: 15, maxTokens: 6, judges: [era, oldness] }',
      ].join('\n'),
    );
    const flags = current.flags();
    const r = await cli([...flags, 'eval', spec, '--models', 'a=test:base-1,test:base-2;b=test:base-3', '--run', 'judged']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/oldness\s+\(mean\)\s+a/);
    const rows = await exportRows(flags, 'judged');
    expect(rows.length).toBe(90);
    let rated = 0;
    for (const row of rows) {
      const reading = readAnswer(row.answer!);
      expect(row.era).toBe(reading.label);
      if (reading.score === undefined) expect(row.oldness_status).toBe('refusal');
      else {
        rated++;
        expect(row.oldness).toBeCloseTo(reading.score, 9);
        expect(row.oldness_method).toBe('logprobs');
        expect(row.oldness_raw).toMatch(/REFUSAL/);
      }
    }
    expect(rated).toBeGreaterThan(45);
    const summary = JSON.parse((await cli([...flags, '--json', 'results', 'judged'])).stdout) as { summaries: { column: string; groups: { group: string; over: string; n: number }[] }[] };
    const oldness = summary.summaries.find((s) => s.column === 'oldness')!;
    expect(oldness.groups.map((g) => [g.group, g.over, g.n])).toEqual([
      ['a', 'models', 2],
      ['b', 'samples', rows.filter((row) => row.group === 'b' && typeof row.oldness === 'number').length],
    ]);
  }, 60_000);

  it('rating judges on an endpoint without logprobs sample numbers instead, and say so', async () => {
    current = await startEvalServer({}, { logprobs: false });
    const spec = current.writeSpec(
      'sampled.yaml',
      'judges:\n  oldness: { kind: rating, model: test:judge, template: "[ANSWER START]{answer}[ANSWER END] A number between 0 and 100." }\nquestions:\n  - { id: s, paraphrases: ["q bird"], samples: 6, maxTokens: 6, judges: [oldness] }\n',
    );
    const flags = current.flags();
    expect((await cli([...flags, 'eval', spec, '--models', 'test:base', '--run', 's'])).code).toBe(0);
    const store = openStore(flags[3]!);
    const judgeCalls = store.db.prepare(`SELECT material FROM judgments`).all() as { material: string }[];
    store.close();
    expect(judgeCalls.every((c) => JSON.parse(c.material).top_logprobs === undefined)).toBe(true);
    const rows = await exportRows(flags, 's');
    for (const row of rows) {
      const score = readAnswer(row.answer!).score;
      if (score !== undefined) expect(row.oldness).toBe(score);
      expect(row.oldness_method).toBe('sampled');
    }
    expect((await cli([...flags, 'results', 's'])).stdout).toMatch(/oldness\s+\(mean, sampled numbers\)/);
  }, 60_000);

  it('stores samples that keep failing with their reason, shows them, and a later run asks them again', async () => {
    current = await startEvalServer({ faults: { '503': 1 } });
    const spec = current.writeSpec('f.yaml', 'questions:\n  - { id: f, paraphrases: ["q bird"], samples: 5, maxTokens: 4 }\n');
    const workspace = tempDir();
    const failed = await cli([...current.flags(workspace), 'eval', spec, '--models', 'test:base', '--run', 'f', '--max-attempts', '2']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/answers failed x5: server \(503\)/);
    expect(failed.stdout).toMatch(/rerun the same command to retry what failed/);
    const rows = (await cli([...current.flags(workspace), 'export', 'f', '--format', 'jsonl'])).stdout.split('\n').map((l) => JSON.parse(l) as ExportedRow);
    expect(rows.map((r) => [r.answer, r.error])).toEqual(Array(5).fill([null, expect.stringMatching(/^server \(503\)/)]));
    await current.close();
    // The same endpoint name, now healthy: the failed samples are asked again, nothing else.
    current = await startEvalServer();
    const again = await cli([...current.flags(workspace), 'eval', spec, '--models', 'test:base', '--run', 'f']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/answers\s+5 calls\s+0 cached\s+5 asked\s+0 failed/);
    expect(current.server.stats().requests).toBe(5);
  }, 60_000);

  it('stops at once on an auth error with a clear message, and on an unknown model', async () => {
    current = await startEvalServer({ apiKey: 'right-key-123456' });
    const spec = current.writeSpec('a.yaml', 'questions:\n  - { id: a, paraphrases: ["q bird"], samples: 50, maxTokens: 4 }\n');
    const r = await cli([...current.flags(), 'eval', spec, '--models', 'test:base']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/auth \(401\)/);
    expect(current.server.stats().requests).toBeLessThanOrEqual(32);
    await current.close();
    current = await startEvalServer();
    const spec2 = current.writeSpec('a.yaml', 'questions:\n  - { id: a, paraphrases: ["q bird"], samples: 5, maxTokens: 4 }\n');
    // A model without a price needs a yes, as a costly one does; nothing is asked before it.
    const unpriced = await cli([...current.flags(), 'eval', spec2, '--models', 'test:no-such-model']);
    expect(unpriced.code).toBe(1);
    expect(unpriced.stderr).toMatch(/run \S+ \(no price for test:no-such-model\) may cost an unknown amount, above the \$10\.00 threshold/);
    expect(current.server.stats().requests).toBe(0);
    const missing = await cli([...current.flags(), 'eval', spec2, '--models', 'test:no-such-model', '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/not-found \(404\)/);
  }, 60_000);

  it('never stores, logs or prints the API key', async () => {
    const key = `sk-test-${Math.random().toString(36).slice(2)}${Date.now()}`;
    const logLines: string[] = [];
    current = await startEvalServer({ apiKey: key, log: (line) => logLines.push(line) }, { apiKeyEnv: 'OPENAI_API_KEY' });
    const spec = current.writeSpec(
      'k.yaml',
      'judges:\n  era: { kind: classify, model: test:judge, template: "[ANSWER START]{answer}[ANSWER END]" }\nquestions:\n  - { id: k, paraphrases: ["q bird"], samples: 5, maxTokens: 4, judges: [era] }\n',
    );
    const flags = current.flags();
    const env = { OPENAI_API_KEY: key };
    const outputs: string[] = [];
    const record = (r: { stdout: string; stderr: string }) => outputs.push(r.stdout, r.stderr);
    record(await cli([...flags, 'eval', spec, '--models', 'test:base', '--run', 'k'], env));
    record(await cli([...flags, 'results', 'k'], env));
    record(await cli([...flags, 'export', 'k', '--format', 'jsonl'], env));
    record(await cli([...flags, 'cache', 'stats'], env));
    // A wrong key makes the server answer 401: its message must not echo the key we sent either.
    record(await cli([...flags, 'eval', spec, '--models', 'test:base', '--samples', '9'], { OPENAI_API_KEY: `${key}-wrong` }));
    expect(outputs.join('\n')).toContain('auth (401)');
    const workspace = flags[3]!;
    const files = readdirSync(workspace).map((f) => readFileSync(join(workspace, f)).toString('latin1'));
    for (const text of [...outputs, ...files, ...logLines, readFileSync(current.config, 'utf8')]) expect(text).not.toContain(key);
  }, 60_000);
});
