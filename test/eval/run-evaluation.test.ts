// runEvaluation, the one library call behind `weirdgen eval`: model references checked first, a dry
// run that only estimates, a run that asks, stores and resumes, and cancellation by AbortSignal.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxEval } from '../helpers/sandbox-eval.js';
import { loadConfig } from '../../src/config/index.js';
import { runEvaluation } from '../../src/eval/index.js';
import { Endpoints } from '../../src/providers/index.js';
import { tempDir } from '../helpers/paths.js';

const SPEC = [
  'judges:',
  '  era: { kind: classify, model: sandbox:judge, labels: [OLD, NEW, NONE], template: "[ANSWER START]{answer}[ANSWER END]" }',
  'questions:',
  '  - { id: birds, paraphrases: ["q bird"], samples: 4, maxTokens: 6, judges: [era] }',
].join('\n');

const setup = () => sandboxEval(SPEC);

describe('runEvaluation', () => {
  it('estimates without asking on a dry run, then asks, judges and stores; the same call resumes from the store', async () => {
    const base = await setup();
    try {
      const groups = { x: ['sandbox:base-1'], y: ['base-3'] };
      const dry = await runEvaluation({ ...base, groups, dryRun: true });
      expect(dry.summary).toBeUndefined();
      expect(dry.estimate.answers).toMatchObject({ total: 8, cached: 0, toAsk: 8 });
      expect(base.store.runs.list()).toEqual([]);

      const confirmed: number[] = [];
      const stages = new Set<string>();
      const first = await runEvaluation({ ...base, groups, confirm: async (usd) => void confirmed.push(usd), onProgress: (p) => stages.add(p.stage) });
      expect(first.runId).toBe(dry.runId);
      expect(confirmed).toEqual([0]);
      expect([...stages]).toEqual(['answers', 'judgments']);
      expect(first.summary).toMatchObject({ status: 'complete', rows: 8, answers: { called: 8 } });
      // Equal answers share one judge call.
      expect(first.summary?.judgments?.total).toBeGreaterThan(0);
      expect(first.summary?.judgments?.total).toBeLessThanOrEqual(8);
      expect(first.definition.groups).toEqual({ x: ['sandbox:base-1'], y: ['sandbox:base-3'] });

      const again = await runEvaluation({ ...base, groups });
      expect(again.estimate.answers.cached).toBe(8);
      expect(again.summary).toMatchObject({ status: 'complete', answers: { called: 0, cached: 8 } });
    } finally {
      await base.close();
    }
  });

  it('stops before asking when confirm throws, and on an aborted signal keeps the run resumable', async () => {
    const base = await setup();
    try {
      const groups = { x: ['base-1'] };
      await expect(runEvaluation({ ...base, groups, confirm: async () => Promise.reject(new Error('no')) })).rejects.toThrow('no');
      expect(base.store.runs.list()).toEqual([]);
      const controller = new AbortController();
      controller.abort(new Error('interrupted'));
      const stopped = await runEvaluation({ ...base, groups, signal: controller.signal, resumeCommand: (id) => `weirdgen eval --run ${id}` });
      expect(stopped.summary?.status).toBe('stopped');
      expect(base.store.runs.get(stopped.runId)).toMatchObject({ status: 'stopped', resumeCommand: `weirdgen eval --run ${stopped.runId}` });
    } finally {
      await base.close();
    }
  });

  it('checks every model reference before reading the questions', async () => {
    const base = await setup();
    try {
      await expect(runEvaluation({ ...base, specFile: '/no/such/file.yaml', groups: { x: ['sandbx:base-1'] } })).rejects.toThrow('unknown endpoint "sandbx" in model reference "sandbx:base-1"; did you mean "sandbox"?');
      await expect(runEvaluation({ ...base, specFile: '/no/such/file.yaml', groups: { x: ['base-1'] }, judgeModel: 'sandbox:juge' })).rejects.toThrow(/no sandbox model "juge"; did you mean "judge"\?/);
    } finally {
      await base.close();
    }
  });

  it('asks for a confirmation of an unknown amount when a model to ask has no price, before asking anything', async () => {
    const base = await setup();
    const config = (await loadConfig(undefined, tempDir())).config;
    const endpoints = new Endpoints({ ...config, endpoints: { elsewhere: { baseUrl: 'http://127.0.0.1:9/v1' } } }, {}, tempDir());
    try {
      const asked: number[] = [];
      const refused = runEvaluation({ ...base, endpoints, groups: { x: ['elsewhere:mystery-model'] }, confirm: async (usd, _runId, estimate) => {
        asked.push(usd);
        expect(estimate.answers.unpriced).toEqual(['elsewhere:mystery-model']);
        throw new Error('not confirmed');
      } });
      await expect(refused).rejects.toThrow('not confirmed');
      expect(asked).toEqual([Number.POSITIVE_INFINITY]);
      expect(base.store.runs.list()).toEqual([]);
    } finally {
      await endpoints.close();
      await base.close();
    }
  });
});
