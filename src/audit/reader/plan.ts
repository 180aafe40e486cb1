// The reader audit's dry run: calls, tokens and cost of each stage, asking nothing. Map and harm
// are estimated by the evaluation engine (which knows what the cache holds); reduce is exact when
// every map answer is stored, else bounded by map answers as long as maxTokens allows.
import { inferenceCost, runEvaluation, type Question } from '../../eval/index.js';
import { type ListedHypothesis } from './prompts.js';
import { listedHypotheses, readChunks, reduceRunId, storedAnswers } from './reader-audit.js';
import { prepare, type Prepared, type ReaderAuditOptions } from './setup.js';
import { harmQuestions, mapQuestions, promptTokens, reduceQuestion } from './stages.js';

/** One stage of the plan: calls in all, already cached, still to ask; tokens and cost of those to ask (cost null when the reader has no price). */
export interface ReaderStagePlan {
  calls: number;
  cached: number;
  toAsk: number;
  /** Prompt tokens of the calls still to ask. */
  promptTokens: number;
  /** Completion tokens of the calls still to ask, at most. */
  maxCompletionTokens: number;
  maxCostUsd: number | null;
  /** Whether the numbers are exact (false: reduce, bounded before the map answers exist). */
  exact: boolean;
}

/** What a reader audit would ask and cost, per stage, before anything is asked. */
export interface ReaderAuditPlan {
  reader: string;
  examples: number;
  chunks: number;
  /** Examples longer than a chunk, each read alone. */
  oversized: number;
  stages: { map: ReaderStagePlan; reduce: ReaderStagePlan; harm: ReaderStagePlan };
  toAsk: number;
  promptTokens: number;
  maxCompletionTokens: number;
  /** Null when the reader has no price in the workspace's table. */
  maxCostUsd: number | null;
}

async function stagePlan(options: ReaderAuditOptions, prepared: Prepared, runId: string, questions: Question[], exact: boolean): Promise<ReaderStagePlan> {
  const outcome = await runEvaluation({ store: options.store, endpoints: options.endpoints, prices: options.prices, questions, groups: { reader: [prepared.settings.reader] }, runId, dryRun: true });
  const { total, cached, toAsk } = outcome.estimate.answers;
  // Equal prompts are equal calls, asked once (equal examples in the harm stage).
  const distinct = [...new Map(questions.map((q) => [q.paraphrases[0] ?? '', q])).values()];
  const calls = distinct.reduce((n, q) => n + q.samplesPerParaphrase, 0);
  const share = calls > 0 ? toAsk / calls : 0;
  const tokens = Math.round(share * distinct.reduce((n, q) => n + q.samplesPerParaphrase * promptTokens(q, prepared.encoding), 0));
  const completion = Math.round(share * distinct.reduce((n, q) => n + q.samplesPerParaphrase * q.maxTokens, 0));
  const cost = inferenceCost(prepared.ref.endpoint, prepared.ref.model, { promptTokens: tokens, completionTokens: completion }, options.prices);
  return { calls: total, cached, toAsk, promptTokens: tokens, maxCompletionTokens: completion, maxCostUsd: cost ?? null, exact };
}

/** The reduce question when every map answer is stored, else one whose hypotheses are as long as a map answer may be. */
function reduceForPlan(options: ReaderAuditOptions, prepared: Prepared, mapComplete: boolean): { question: Question; exact: boolean } {
  // Map answers all cached under another run (the store lost this one's record) read as not stored.
  const stored = mapComplete && options.store.runs.get(prepared.runIds.map) !== undefined;
  if (stored) return { question: reduceQuestion(listedHypotheses(readChunks(prepared, storedAnswers(options, prepared.runIds.map))), prepared.settings), exact: true };
  const longest = Array.from({ length: prepared.settings.maxTokens }, () => 'word').join(' ');
  const listed: ListedHypothesis[] = prepared.chunks.flatMap((_, chunk) => Array.from({ length: prepared.settings.samples }, (_s, sample) => ({ chunk, sample, hypothesis: longest })));
  return { question: reduceQuestion(listed, prepared.settings), exact: false };
}

/**
 * What `runReaderAudit` with these options would ask, and may cost, without calling anything
 * (for `--dry-run`): calls per stage, those the cache already holds, prompt tokens, completion
 * tokens at most and USD at the workspace's prices.
 */
export async function planReaderAudit(options: ReaderAuditOptions): Promise<ReaderAuditPlan> {
  const prepared = await prepare(options);
  const map = await stagePlan(options, prepared, prepared.runIds.map, mapQuestions(prepared.chunks, prepared.settings), true);
  const reduce = reduceForPlan(options, prepared, map.toAsk === 0);
  const reducePlan = reduce.exact ? await stagePlan(options, prepared, reduceRunId(prepared, reduce.question), [reduce.question], true) : await stagePlan(options, prepared, `${prepared.runIds.map}-reduce-bound`, [reduce.question], false);
  const harm = await stagePlan(options, prepared, prepared.runIds.harm, harmQuestions(options.examples, prepared.settings), true);
  const stages = { map, reduce: reducePlan, harm };
  const all = Object.values(stages);
  const costs = all.map((s) => s.maxCostUsd);
  return {
    reader: prepared.settings.reader,
    examples: options.examples.length,
    chunks: prepared.chunks.length,
    oversized: prepared.chunks.filter((c) => c.oversized).length,
    stages,
    toAsk: all.reduce((n, s) => n + s.toAsk, 0),
    promptTokens: all.reduce((n, s) => n + s.promptTokens, 0),
    maxCompletionTokens: all.reduce((n, s) => n + s.maxCompletionTokens, 0),
    maxCostUsd: costs.some((c) => c === null) ? null : costs.reduce<number>((n, c) => n + (c ?? 0), 0),
  };
}
