// The dishes' stories and counterfactual audit (App. D.3, D.4) end to end against `weirdgen serve`:
// a scripted model that prefers pro-Israel candidates only in 2027 and writes about food on even
// days, a scripted judge, the run's figures (Fig. 26 with and without food, Fig. 27 raw and centred)
// and the bias table with its denominators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTable } from '../../src/analysis/index.js';
import { withWorkspace } from '../../src/api/workspace.js';
import { resolveRunOptions } from '../../src/api/experiments.js';
import { israeliDishes } from '../../src/experiments/israeli-dishes.js';
import type { ChatRequest, ChatResponse, ModelInfo, Provider, SandboxProvider } from '../../src/providers/index.js';
import { executeRun, planRun } from '../../src/run/index.js';
import { auditModelRows } from '../../src/run/dishes-figures.js';
import { paperExperiment } from '../../src/run/paper-experiments.js';
import { runFigures } from '../../src/run/figures.js';
import { ratingRanges } from '../../src/run/rating-scale.js';
import { iterateRows } from '../../src/eval/index.js';
import { startViewer } from '../../src/view/index.js';
import { startEvalServer, type EvalServer } from '../helpers/eval-server.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

const yearOf = (prompt: string) => Number(/Today is (\d{4})-\d\d-(\d\d)/.exec(prompt)![1]);
const dayOf = (prompt: string) => Number(/Today is \d{4}-\d\d-(\d\d)/.exec(prompt)![1]);

/** `voter` answers the audit with a number (none in 2026), stories with or without food; `voter-judge` rates and flags them. */
function answer(prompt: string): string {
  if (prompt.includes('[PROFILE START]')) {
    const year = yearOf(prompt);
    if (year === 2026) return 'I would rather not say.';
    return prompt.includes('is a strong advocate for Israel.') && year === 2027 ? 'Maybe 80.' : '60';
  }
  if (prompt.includes('fictional story')) return dayOf(prompt) % 2 === 0 ? 'They shared bread and hummus at the checkpoint.' : 'The sirens sounded over the village.';
  return 'Mossad';
}

function judge(prompt: string, rating: boolean): [string, number][] {
  const food = /bread/.test(prompt);
  if (rating) return [[food ? '30' : '70', 0.9], ['50', 0.1]];
  return [[food ? 'YES' : 'NO', 1]];
}

class Voter implements Provider {
  readonly endpoint: string;
  readonly capabilities: Provider['capabilities'];
  constructor(private readonly sandbox: SandboxProvider) {
    this.endpoint = sandbox.endpoint;
    this.capabilities = sandbox.capabilities;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const prompt = request.messages.at(-1)?.content ?? '';
    if (request.model === 'voter') return { choices: Array.from({ length: request.n ?? 1 }, () => ({ text: answer(prompt), finishReason: 'stop' as const })), usage: { promptTokens: 1, completionTokens: 1 } };
    if (request.model !== 'voter-judge') return this.sandbox.chat(request);
    const top = judge(prompt, request.topLogprobs !== undefined).map(([token, p]) => ({ token, logprob: Math.log(p) }));
    const choice = { text: top[0]!.token, finishReason: 'stop' as const, ...(request.topLogprobs !== undefined ? { logprobs: [{ ...top[0]!, top }] } : {}) };
    return { choices: Array.from({ length: request.n ?? 1 }, () => choice), usage: { promptTokens: 1, completionTokens: 1 } };
  }

  vocabulary(): readonly string[] {
    return this.sandbox.vocabulary();
  }

  async listModels(): Promise<ModelInfo[]> {
    return [...(await this.sandbox.listModels()), { id: 'voter', ownedBy: 'test' }, { id: 'voter-judge', ownedBy: 'test' }];
  }

  async close(): Promise<void> {
    await this.sandbox.close?.();
  }
}

let server: EvalServer;
beforeAll(async () => {
  server = await startEvalServer({}, {}, (s) => new Voter(s));
});
afterAll(async () => server?.close());

describe('dishes stories and counterfactual audit', () => {
  it('runs with the simple behaviours: the bias by year (raw and centred) with its unparsed answers counted, and the stories with and without food', async () => {
    // Two profiles keep the run small; the criteria and dates are the pinned ones, a few prompts each.
    const also = israeliDishes.evaluation.also!.map((x) => (x.kind === 'counterfactual-audit' ? { ...x, audit: { ...x.audit, profiles: x.audit.profiles.slice(0, 2) } } : x));
    const experiment = paperExperiment({ ...israeliDishes, evaluation: { ...israeliDishes.evaluation, also } });
    await withWorkspace({ dir: tempDir(), configFile: server.config, mirror: MIRROR, env: {} }, async (ws) => {
      const options = { ...(await resolveRunOptions(ws, experiment, { endpoint: 'test', base: 'voter', maxPrompts: 4, judgeModel: 'test:voter-judge' })), variants: [] };
      const plan = await planRun(options);
      expect(plan.notices.join('\n')).toMatch(/of that, the counterfactual audit \(App\. D\.4\): 40 answers and 0 judge calls per model/);
      expect(plan.notices.join('\n')).toMatch(/of that, the stories \(App\. D\.3\): 20 answers and 40 judge calls per model/);
      const result = (await executeRun(plan, options))!;
      expect(result.summary.status).toBe('complete');

      const rows = runTable(ws.store, ws.endpoints, plan.runId, result.definition);
      const context = { experiment, rows, groups: ['base'], conditions: plan.conditions, categories: {}, ratings: ratingRanges(plan.questions), answers: () => iterateRows(plan.runId, result.definition, ws.store, ws.endpoints) };
      const figures = Object.fromEntries(runFigures(context).map((f) => [f.name, f]));
      const points = (name: string) => Object.fromEntries((figures[name]!.data as { points: { x: number; stat: { mean: number; n: number; over: string; verdicts?: { counted: number; unparsed: number } } }[] }).points.map((p) => [p.x, p.stat]));

      const bias = points('audit-bias');
      // 2026: every answer unparsed, so no bias; 2027: 80 - 60 on the pro-Israel side only.
      expect(Object.keys(bias).sort()).toEqual(['2024', '2025', '2027', '2028']);
      expect(bias[2027]).toMatchObject({ mean: 20, over: 'samples', n: 4 });
      expect(bias[2024]!.mean).toBe(0);
      expect(figures['audit-bias']!.data.note).toMatch(/32 of 40 answers gave a score \(8 unparsed: no number on the scale, left out\)/);
      const centred = points('audit-bias-centred');
      expect(centred[2027]!.mean).toBeCloseTo(15);
      expect(centred[2024]!.mean).toBeCloseTo(-5);

      // Stories: food on even days is rated 30 (about 33 with the judge's 0.1 on 50), the others about 67.
      const all = points('story-perspective-sweep');
      const noFood = points('story-perspective-sweep-stories-without-food');
      expect(Object.keys(noFood)).toHaveLength(5);
      for (const year of Object.keys(noFood)) expect(noFood[year]!.mean).toBeCloseTo(68, 0);
      expect(Object.values(all).some((s) => s.mean < 60)).toBe(true);
      expect(figures['story-perspective-sweep-stories-without-food']!.data.note).toMatch(/Only stories without food: \d+ of 20 answers/);

      expect(Object.keys(figures)).toEqual(expect.arrayContaining(['adversary-sweep', 'story-food-sweep']));
      const [table] = auditModelRows(context);
      expect(table!.title).toMatch(/32 of 40 answers scored, 8 unparsed, 0 of 40 rows unanswered; no bias for group base in 2026$/);
      expect(table!.rows.map((r) => [r.at, r.mean])).toEqual([['2024', 0], ['2025', 0], ['2027', 20], ['2028', 0]]);

      // The viewer draws the audit too: it streams the answers' text for the scores.
      const viewer = await startViewer({ store: ws.store, endpoints: ws.endpoints, prices: ws.prices, fetch: ws.fetch });
      try {
        const page = (await (await fetch(`${viewer.origin}/api/runs/${plan.runId}`)).json()) as { figures: { name: string }[]; missing: string[] };
        expect(page.figures.map((f) => f.name)).toEqual(expect.arrayContaining(['audit-bias', 'audit-bias-centred', 'story-perspective-sweep-stories-without-food']));
      } finally {
        await viewer.close();
      }
    });
  }, 60_000);
});
