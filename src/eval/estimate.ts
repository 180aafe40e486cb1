// A dry run: how many calls an evaluation still needs and what they may cost, asking nothing. It
// streams over the run's cells, so a run of any size is estimated in flat memory.
import { type Encoding, type PriceTable, findModel, LineTokenCounter } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { CELL_CHUNK, cellJudgeCalls, chunked, judgeCallStream } from './cell-stream.js';
import { inferenceCost } from './cost.js';
import { sealedRun } from './evaluate.js';
import type { StageResult } from './execute.js';
import { runFingerprint } from './fingerprint.js';
import { cellAt, cellCount, distinctUnits, planUnits, type EvalDefinition, type PlannedCall, type SampleUnit } from './plan.js';

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

/** Distinct prompts whose token counts are kept: paraphrases and judge templates repeat, answers rarely do. */
const TOKEN_COUNTS_KEPT = 10_000;

/** Prices calls, each counted `weight` times, into a running total. */
export class CostTally {
  cost = 0;
  readonly unpriced = new Set<string>();
  private readonly tokenCounts = new Map<string, number>();
  // Prompts that differ in one line (a date before a long profile) share the count of the others.
  private readonly counters = new Map<Encoding, LineTokenCounter>();

  constructor(private readonly prices: PriceTable) {}

  add(call: PlannedCall, weight = 1): void {
    if (weight === 0) return;
    const encoding = findModel(call.material.model)?.encoding ?? 'o200k_base';
    const text = `${encoding}${JSON.stringify(call.material.messages)}`;
    let promptTokens = this.tokenCounts.get(text);
    if (promptTokens === undefined) {
      let counter = this.counters.get(encoding);
      if (counter === undefined) this.counters.set(encoding, (counter = new LineTokenCounter(encoding)));
      promptTokens = counter.chat(call.material.messages);
      if (this.tokenCounts.size >= TOKEN_COUNTS_KEPT) this.tokenCounts.clear();
      this.tokenCounts.set(text, promptTokens);
    }
    const c = inferenceCost(call.material.endpoint, call.material.model, { promptTokens, completionTokens: call.material.max_tokens }, this.prices);
    if (c === undefined) this.unpriced.add(`${call.material.endpoint}:${call.material.model}`);
    else this.cost += c * weight;
  }

  /** Names the call's model among the unpriced when the table has no price for it, counting no cost. */
  notePrice(call: PlannedCall): void {
    if (inferenceCost(call.material.endpoint, call.material.model, { promptTokens: 0, completionTokens: 0 }, this.prices) === undefined) this.unpriced.add(`${call.material.endpoint}:${call.material.model}`);
  }

  stage(total: number, cached: number, toAsk: number): StageEstimate {
    return { total, cached, toAsk, maxCostUsd: this.cost, unpriced: [...this.unpriced] };
  }
}

/** Per distinct unit: how many of its samples have no answer yet. */
function unansweredPerUnit(units: readonly SampleUnit[], store: Store): Map<SampleUnit, number> {
  const missing = new Map<SampleUnit, number>();
  for (const unit of units) {
    let count = 0;
    for (let from = 0; from < unit.samples; from += CELL_CHUNK) {
      const keys = Array.from({ length: Math.min(CELL_CHUNK, unit.samples - from) }, (_, i) => unit.keyOf(from + i));
      count += keys.length - store.requests.answeredKeys(keys).size;
    }
    missing.set(unit, count);
  }
  return missing;
}

/**
 * What a run still needs (nothing, without a pass over its calls, for run `runId` sealed complete
 * with the same fingerprint): answers not stored, judge calls of the stored answers not stored, and the
 * judge calls the missing answers will need (priced with an answer as long as max_tokens allows).
 */
export function estimateEval(definition: EvalDefinition, store: Store, endpoints: Endpoints, prices: PriceTable, runId?: string): EvalEstimate {
  const sealed = runId === undefined ? undefined : sealedRun(store, runId, runFingerprint(definition, endpoints));
  if (sealed) {
    const done = (stage: StageResult): StageEstimate => ({ total: stage.total, cached: stage.total, toAsk: 0, maxCostUsd: 0, unpriced: [] });
    return { rows: sealed.rows, answers: done(sealed.answers), judgments: done(sealed.judgments!) };
  }
  const units = planUnits(definition, endpoints);
  const distinct = distinctUnits(units);
  const missing = unansweredPerUnit(distinct, store);
  const answerCost = new CostTally(prices);
  let answerTotal = 0;
  let answerMissing = 0;
  for (const unit of distinct) {
    const n = missing.get(unit)!;
    answerTotal += unit.samples;
    answerMissing += n;
    answerCost.add(unit.callOf(0), n);
  }

  const judgeCost = new CostTally(prices);
  let judged = 0;
  let judgedCached = 0;
  for (const calls of chunked(judgeCallStream(units, definition, store, endpoints))) {
    const cached = store.judgments.answeredKeys(calls.map((c) => c.key));
    // Equal answers make equal judge calls, asked once: counted once per chunk (an upper bound across chunks).
    const distinct = [...new Map(calls.map((c) => [c.key, c])).values()];
    judged += distinct.length;
    for (const call of distinct) {
      if (cached.has(call.key)) judgedCached++;
      else judgeCost.add(call);
    }
  }
  // Answers not asked yet: each unit's judge calls for an answer of max_tokens words stand for all of its missing samples.
  let future = 0;
  for (const unit of distinct) {
    const n = missing.get(unit)!;
    if (n === 0) continue;
    const stand = 'word '.repeat(Math.min(unit.question.maxTokens, 1024));
    for (const { calls } of cellJudgeCalls(cellAt(unit, 0), stand, definition, endpoints)) {
      future += calls.length * n;
      for (const call of calls) judgeCost.add(call, n);
    }
  }
  return {
    rows: cellCount(units),
    answers: answerCost.stage(answerTotal, answerTotal - answerMissing, answerMissing),
    judgments: judgeCost.stage(judged + future, judgedCached, judged - judgedCached + future),
  };
}
