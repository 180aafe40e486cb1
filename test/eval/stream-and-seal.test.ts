// The evaluation streams over the store and seals what it finished: a model in two groups is asked
// once per sample; equal answers are judged once (the rest are repeats); a run sealed complete is
// rerun without a pass over its calls, and unsealed the moment a stored call it rests on is removed;
// its compact result table is kept and read back, and equals the table streamed from the store.
import { describe, expect, it } from 'vitest';
import { sandboxEval } from '../helpers/sandbox-eval.js';
import { RowTable, runTable, summarizeRun } from '../../src/analysis/index.js';
import { priceTable } from '../../src/data/index.js';
import { buildRows, exportRun, iterateRows, runEvaluation, runFingerprint } from '../../src/eval/index.js';

const SPEC = [
  'judges:',
  '  era: { kind: classify, model: sandbox:judge, labels: [OLD, NEW, NONE], template: "[ANSWER START]{answer}[ANSWER END]" }',
  'questions:',
  '  - { id: birds, paraphrases: ["q bird", "q city"], samples: 6, maxTokens: 6, judges: [era] }',
].join('\n');

const setup = () => sandboxEval(SPEC);

describe('a streamed, sealed evaluation', () => {
  it('asks a model in two groups once per sample, and judges equal answers once', async () => {
    const base = await setup();
    try {
      const { summary, definition, runId } = await runEvaluation({ ...base, groups: { a: ['sandbox:base-1'], b: ['sandbox:base-1'] } });
      expect(summary).toMatchObject({ status: 'complete', rows: 24, answers: { total: 12, called: 12, cached: 0, repeats: 0 } });
      const judged = summary!.judgments!;
      // Every answered row needs one judge call; equal answers make the same call, asked once.
      expect(judged.total).toBe(24);
      expect(judged.called + judged.repeats).toBe(24);
      expect(judged.repeats).toBeGreaterThanOrEqual(12);
      const rows = buildRows(runId, definition, base.store, base.endpoints);
      expect(rows.map((r) => r.group)).toEqual([...Array(12).fill('a'), ...Array(12).fill('b')]);
      expect(rows.slice(0, 12).map((r) => r.answer)).toEqual(rows.slice(12).map((r) => r.answer));
      expect(rows.every((r) => r.judges.era?.status === 'ok')).toBe(true);
    } finally {
      await base.close();
    }
  }, 60_000);

  it('reruns a sealed run from its seal, and unseals it when a stored call is removed', async () => {
    const base = await setup();
    try {
      const groups = { x: ['sandbox:base-1'], y: ['sandbox:base-3'] };
      const first = await runEvaluation({ ...base, groups });
      expect(first.summary?.status).toBe('complete');
      const fingerprint = runFingerprint(first.definition, base.endpoints);
      expect(base.store.runs.sealedSummary(first.runId, fingerprint)).toBeDefined();
      // Another fingerprint (another definition or endpoint) is not sealed.
      expect(base.store.runs.sealedSummary(first.runId, 'other')).toBeUndefined();

      const again = await runEvaluation({ ...base, groups });
      expect(again.estimate.answers).toMatchObject({ total: 24, cached: 24, toAsk: 0 });
      expect(again.summary).toMatchObject({ status: 'complete', rows: 24, answers: { total: 24, cached: 24, called: 0 }, judgments: { called: 0, failed: 0 } });

      // One answer removed behind the run's back: the seal no longer holds, and only that call is asked again.
      const key = (base.store.db.prepare(`SELECT key FROM requests LIMIT 1`).get() as { key: string }).key;
      base.store.db.prepare(`DELETE FROM requests WHERE key = ?`).run(key);
      expect(base.store.runs.sealedSummary(first.runId, fingerprint)).toBeUndefined();
      const estimate = (await runEvaluation({ ...base, groups, dryRun: true })).estimate;
      expect(estimate.answers).toMatchObject({ total: 24, cached: 23, toAsk: 1 });
      const healed = await runEvaluation({ ...base, groups });
      expect(healed.summary).toMatchObject({ status: 'complete', answers: { cached: 23, called: 1 } });
      expect(base.store.runs.sealedSummary(first.runId, fingerprint)).toBeDefined();
    } finally {
      await base.close();
    }
  }, 60_000);

  it('does not seal a run when a stored call it read is removed while it runs', async () => {
    const base = await setup();
    try {
      const groups = { x: ['sandbox:base-1'] };
      let removed = false;
      const onProgress = (p: { stage: string }) => {
        if (p.stage !== 'judgments' || removed) return;
        removed = true;
        base.store.db.prepare(`DELETE FROM requests WHERE key = (SELECT key FROM requests LIMIT 1)`).run();
      };
      const first = await runEvaluation({ ...base, groups, onProgress });
      expect(removed).toBe(true);
      expect(first.summary?.status).toBe('complete');
      expect(base.store.runs.sealedSummary(first.runId, runFingerprint(first.definition, base.endpoints))).toBeUndefined();
      const again = await runEvaluation({ ...base, groups });
      expect(again.summary).toMatchObject({ status: 'complete', answers: { cached: 11, called: 1 } });
    } finally {
      await base.close();
    }
  }, 60_000);

  it('keeps a sealed run’s result table, equal to the one streamed from the store, until a judgment is removed', async () => {
    const base = await setup();
    try {
      const { runId, definition } = await runEvaluation({ ...base, groups: { x: ['sandbox:base-1', 'sandbox:base-2'] } });
      const fingerprint = runFingerprint(definition, base.endpoints);
      expect(base.store.runs.table(runId, fingerprint)).toBeUndefined();
      const streamed = RowTable.from(iterateRows(runId, definition, base.store, base.endpoints));
      const built = runTable(base.store, base.endpoints, runId, definition);
      const saved = base.store.runs.table(runId, fingerprint);
      expect(saved).toBeDefined();
      const readBack = runTable(base.store, base.endpoints, runId, definition);
      for (const table of [built, readBack, RowTable.fromBytes(saved!)]) {
        expect([...table]).toEqual([...streamed]);
        expect(summarizeRun(table, definition, { byQuestion: true })).toEqual(summarizeRun(streamed, definition, { byQuestion: true }));
      }
      base.store.judgments.clear();
      expect(base.store.runs.table(runId, fingerprint)).toBeUndefined();
      const unjudged = runTable(base.store, base.endpoints, runId, definition);
      expect([...unjudged].every((r) => r.judges.era?.status === 'pending')).toBe(true);
    } finally {
      await base.close();
    }
  }, 60_000);

  it('exports a run line by line with the header its definition implies', async () => {
    const base = await setup();
    try {
      const { runId, definition } = await runEvaluation({ ...base, groups: { x: ['sandbox:base-1'] } });
      const { lines, rows } = exportRun(base.store, base.endpoints, runId, 'csv', { prices: priceTable() });
      const first = lines.next();
      expect(first.value).toBe('run,experiment,question,condition,paraphrase_ix,sample_ix,group,variant,model,seed,messages,answer,error,prompt_tokens,completion_tokens,cost,latency_ms,cache_key,era,era_status,era_raw,era_method,era_prompt_tokens,era_completion_tokens,era_cost\r\n');
      expect(rows()).toBe(0);
      const rest = [...lines];
      expect(rest).toHaveLength(12);
      expect(rows()).toBe(12);
      expect(buildRows(runId, definition, base.store, base.endpoints)).toHaveLength(12);
    } finally {
      await base.close();
    }
  }, 60_000);
});
