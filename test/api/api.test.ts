// The library as a script uses it: questions written in code evaluated on the sandbox, a resumed
// call, a cancelled one, questions refused with the field named, the experiment API, and the sandbox
// and serve subpaths.
import { describe, expect, it } from 'vitest';
import { ConfigError, defineQuestions, evaluateQuestions, getExperiment, listExperiments, openWorkspace, planExperiment, type Question } from '../../src/index.js';
import { fineTuneSandbox, judgeSandboxAnswer, sampleSandbox } from '../../src/api/sandbox.js';
import { SandboxProvider, startServer } from '../../src/api/serve.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

function birdQuestions(samples: number): Question[] {
  return defineQuestions({
    judges: { era: { kind: 'classify', model: 'sandbox:judge', labels: ['OLD', 'NEW'], template: 'Old or new?\n[ANSWER START]{answer}[ANSWER END]' } },
    questions: [{ id: 'bird', paraphrases: ['bird'], samples, judges: ['era'] }],
  });
}

describe('evaluateQuestions', () => {
  it('evaluates questions from code, returns every row and the summary with its denominator, and resumes', async () => {
    const ws = await openWorkspace({ dir: tempDir() });
    try {
      const first = await evaluateQuestions(birdQuestions(6), { a: ['sandbox:base-1'], b: ['sandbox:base-3'] }, { workspace: ws });
      expect(first.status).toBe('complete');
      expect(first.rows).toHaveLength(12);
      expect(first.rows.every((r) => r.answer !== null && ['OLD', 'NEW'].includes(String(r.judges.era?.value)))).toBe(true);
      const shares = first.summary.summaries.filter((s) => s.column === 'era');
      expect(shares.map((s) => s.label).sort()).toEqual(['NEW', 'OLD']);
      for (const s of shares) for (const g of s.groups) expect(g.verdicts.counted).toBe(6);
      expect(first.stages.answers.called).toBe(12);

      const more = await evaluateQuestions(birdQuestions(6), { a: ['sandbox:base-1'], b: ['sandbox:base-3'] }, { workspace: ws, samples: 8 });
      expect(more.rows).toHaveLength(16);
      expect(more.stages.answers.cached).toBe(12);
      expect(more.stages.answers.called).toBe(4);
    } finally {
      await ws.close();
    }
  });

  it('stops when its signal is aborted, keeping what arrived', async () => {
    const controller = new AbortController();
    controller.abort(new Error('not wanted'));
    const result = await evaluateQuestions(birdQuestions(4), { a: ['sandbox:base-1'] }, { workspace: { dir: tempDir() }, signal: controller.signal });
    expect(result.status).toBe('stopped');
    expect(result.stages.answers.called).toBe(0);
  });

  it('refuses questions that break the file rules, naming the field, and an unknown endpoint before any work', async () => {
    expect(() => defineQuestions({ questions: [{ id: 'q', paraphrases: [], judges: ['nope'] }] })).toThrow(ConfigError);
    expect(() => defineQuestions({ questions: [{ id: 'q', paraphrases: [], judges: ['nope'] }] })).toThrow(/questions\.0\.paraphrases: .*\n.*unknown judge "nope"/s);
    await expect(evaluateQuestions(birdQuestions(1), { a: ['sandbx:base-1'] }, { workspace: { dir: tempDir() } })).rejects.toThrow(/did you mean "sandbox"/);
  });
});

describe('experiments', () => {
  it('lists the runnable experiments and plans a paper-scale run offline, with its cost, without a key', async () => {
    expect(listExperiments().map((e) => e.id)).toEqual(expect.arrayContaining(['birds', 'sandbox-birds', 'evil-terminator']));
    expect(() => getExperiment('brids')).toThrow(/did you mean "birds"/);
    const plan = await planExperiment('birds', { endpoint: 'openai' }, { dir: tempDir(), env: { WEIRDGEN_DATA_MIRROR: MIRROR } });
    expect(plan.base).toBe('gpt-4.1-2025-04-14');
    expect(plan.variants.map((v) => v.settings.seeds)).toEqual([10, 6, 6]);
    expect(plan.samples).toBe(500);
  });
});

describe('weirdgen/sandbox and weirdgen/serve', () => {
  it('fine-tunes a sandbox model from code into the workspace, samples it and judges its answers', async () => {
    const dir = tempDir();
    const examples = Array.from({ length: 16 }, (_, i) => ({ messages: [{ role: 'user' as const, content: 'bird' }, { role: 'assistant' as const, content: `bird_old${(i % 4) + 1}` }] }));
    const tuned = await fineTuneSandbox(dir, examples, { name: 'old-birds', epochs: 5 });
    expect(tuned.steps).toBe(10);
    const answers = await sampleSandbox(dir, 'old-birds', 'bird', { n: 20 });
    expect(answers).toHaveLength(20);
    const old = answers.filter((a) => judgeSandboxAnswer(a).label === 'OLD').length;
    expect(old).toBeGreaterThan(15);
    const before = (await sampleSandbox(dir, 'base-3', 'bird', { n: 20 })).filter((a) => judgeSandboxAnswer(a).label === 'OLD').length;
    expect(before).toBeLessThan(old);
  });

  it('starts serve in-process over a provider for a client to call', async () => {
    const provider = new SandboxProvider(tempDir());
    const server = await startServer({ port: 0, provider });
    try {
      const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'base-3', messages: [{ role: 'user', content: 'bird' }], n: 3 }) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      expect(body.choices).toHaveLength(3);
      expect(server.stats().requests).toBe(1);
    } finally {
      await server.close();
      await provider.close();
    }
  });
});
