// A dry run: how many calls an evaluation still needs and what they may cost, asking nothing.
import { type PriceTable, findModel, countChatTokens } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { inferenceCost } from './cost.js';
import { planJudgments } from './evaluate.js';
import { judgeCalls, planSamples, type EvalDefinition, type PlannedCall } from './plan.js';

/** One stage of a dry run (answers or judgments): calls in all, already cached, still to ask, and their cost bound in USD. */
export interface StageEstimate {
  total: number;
  cached: number;
  toAsk: number;
  /** Upper bound: every answer as long as max_tokens allows. */
  maxCostUsd: number;
  unpriced: string[];
}

/** What an evaluation still needs before anything is asked: result rows, answer calls and judge calls. */
export interface EvalEstimate {
  rows: number;
  answers: StageEstimate;
  /** Judge calls for answers already stored, plus those the new answers will need. */
  judgments: StageEstimate;
}

/** Prices calls; `weight` counts a representative call several times. */
function priceCalls(calls: readonly { call: PlannedCall; weight: number }[], prices: PriceTable): { cost: number; unpriced: string[] } {
  const unpriced = new Set<string>();
  const tokenCounts = new Map<string, number>();
  let cost = 0;
  for (const { call, weight } of calls) {
    const encoding = findModel(call.material.model)?.encoding ?? 'o200k_base';
    // Prompts repeat (paraphrases, judge templates): count each distinct one once.
    const text = `${encoding}${JSON.stringify(call.material.messages)}`;
    let promptTokens = tokenCounts.get(text);
    if (promptTokens === undefined) tokenCounts.set(text, (promptTokens = countChatTokens(call.material.messages, encoding)));
    const c = inferenceCost(call.material.endpoint, call.material.model, { promptTokens, completionTokens: call.material.max_tokens }, prices);
    if (c === undefined) unpriced.add(`${call.material.endpoint}:${call.material.model}`);
    else cost += c * weight;
  }
  return { cost, unpriced: [...unpriced] };
}

export function estimateEval(definition: EvalDefinition, store: Store, endpoints: Endpoints, prices: PriceTable): EvalEstimate {
  const { cells, calls } = planSamples(definition, endpoints);
  const answered = new Set(store.requests.answered(calls.map((c) => c.key)).keys());
  const toAsk = calls.filter((c) => !answered.has(c.key));
  const answerPrice = priceCalls(toAsk.map((call) => ({ call, weight: 1 })), prices);

  const judged = planJudgments(definition, store, endpoints);
  const judgedCached = new Set(store.judgments.answered(judged.map((c) => c.key)).keys());
  const judgeToAsk = judged.filter((c) => !judgedCached.has(c.key)).map((call) => ({ call, weight: 1 }));
  // Answers not asked yet: one judge call per (question, paraphrase, judge) stands for all of its
  // samples, with an answer of max_tokens words in place of the answer to come.
  const pending = new Map<string, { cell: (typeof cells)[number]; count: number }>();
  const seen = new Set<string>();
  for (const cell of cells) {
    if (answered.has(cell.key) || seen.has(cell.key)) continue;
    seen.add(cell.key);
    const id = `${cell.question.id}\u0000${cell.paraphraseIx}`;
    const entry = pending.get(id);
    if (entry) entry.count++;
    else pending.set(id, { cell, count: 1 });
  }
  let future = 0;
  for (const { cell, count } of pending.values()) {
    const stand = 'word '.repeat(Math.min(cell.question.maxTokens, 1024));
    for (const judge of Object.values(cell.question.judges)) {
      const { calls: jc } = judgeCalls(judge, cell.question.paraphrases[cell.paraphraseIx]!, stand, endpoints, definition.judgeModel);
      future += jc.length * count;
      judgeToAsk.push(...jc.map((call) => ({ call, weight: count })));
    }
  }
  const judgePrice = priceCalls(judgeToAsk, prices);
  return {
    rows: cells.length,
    answers: { total: calls.length, cached: answered.size, toAsk: toAsk.length, maxCostUsd: answerPrice.cost, unpriced: answerPrice.unpriced },
    judgments: { total: judged.length + future, cached: judgedCached.size, toAsk: judged.length - judgedCached.size + future, maxCostUsd: judgePrice.cost, unpriced: judgePrice.unpriced },
  };
}
