// Tidy result rows, rebuilt from a run's definition and the store: one row per sample per model of
// a group, one set of columns per judge. Needs no key and no connection.
import type { Endpoints, ChatMessage } from '../providers/index.js';
import type { Store, StoredResult } from '../store/index.js';
import { cellJudgeCalls, storedCells, type StoredCell } from './cell-stream.js';
import { JudgeError, matchVerdict, parseVerdict, type JudgeMethod, type JudgeVerdict, type ModelJudge } from './judges/index.js';
import { modelOrigins, type ModelOrigin } from './model-origin.js';
import { planUnits, type EvalDefinition, type PlannedCall } from './plan.js';
import { conditionOf } from './question-id.js';

/** The tokens of a stored call and the model that used them (what its cost is reckoned from). */
export interface CallUsage {
  endpoint: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/** One judge's verdict on one answer; `value` is null unless the judge gave one. */
export interface JudgeCell {
  value: string | number | null;
  /**
   * ok, unparsed, refusal; pending: not judged yet; failed: the judge call failed; invalid: the
   * judge's response breaks its protocol (say, a token twice in one top-logprobs list);
   * no-answer: nothing to judge, the sample has no answer.
   */
  status: JudgeVerdict['status'] | 'pending' | 'failed' | 'invalid' | 'no-answer';
  raw: string;
  method?: JudgeVerdict['method'];
  /** The tokens of the judge's calls, when they answered. */
  usage?: CallUsage;
}

/**
 * What the analysis reads of a row: where it sits and its judges' verdicts. A `ResultRow` is one; so
 * is a row of the analysis' compact table, which keeps no text (its `answer` is '' when there is one,
 * its judges' `raw` is '').
 */
export interface ScoredRow {
  question: string;
  paraphraseIx: number;
  sampleIx: number;
  group: string;
  model: string;
  messages: readonly ChatMessage[];
  /** null when the sample has no answer. */
  answer: string | null;
  judges: Record<string, JudgeCell>;
}

/** One sample of one model: the tidy row of a run, with one cell per judge column. */
export interface ResultRow extends ScoredRow {
  run: string;
  /** The experiment a run belongs to, when it belongs to one. */
  experiment: string | null;
  messages: ChatMessage[];
  /** The trigger condition the question was asked under (`<question>@<condition>`), or null. */
  condition: string | null;
  /** The seed and variant of the fine-tuning job that made the model; null for models the ledger does not know. */
  seed: number | null;
  variant: string | null;
  /** The key of the answer's call in the cache (`weirdgen cache explain KEY`). */
  cacheKey: string;
  /** The answer's tokens; null when the sample has no answer. */
  usage: CallUsage | null;
  /** Milliseconds from the request to the whole answer; null when not measured (no answer, a batch's result). */
  latencyMs: number | null;
  /** Why the sample has no answer, when it has none. */
  error?: string;
}

const PENDING: JudgeCell = { value: null, status: 'pending', raw: '' };
const NO_ANSWER: JudgeCell = { value: null, status: 'no-answer', raw: '' };

/** One judge's verdict from its calls' stored results (`found` holds what the store has of them). */
function judgeCellOf(judge: ModelJudge, calls: readonly PlannedCall[], method: JudgeMethod, found: ReadonlyMap<string, StoredResult>): JudgeCell {
  const results = calls.map((c) => found.get(c.key));
  if (results.some((f) => f === undefined)) return PENDING;
  const failure = results.find((f) => f!.status === 'failed');
  if (failure) return { value: null, status: 'failed', raw: failure.error ?? '' };
  const choices = results.flatMap((f) => f!.choices ?? []);
  const usage: CallUsage = {
    endpoint: calls[0]!.material.endpoint,
    model: calls[0]!.material.model,
    promptTokens: results.reduce((n, f) => n + f!.promptTokens, 0),
    completionTokens: results.reduce((n, f) => n + f!.completionTokens, 0),
  };
  try {
    const verdict = parseVerdict(judge, choices, method);
    return { value: verdict.value, status: verdict.status, raw: verdict.raw, method: verdict.method, usage };
  } catch (e) {
    if (!(e instanceof JudgeError)) throw e;
    return { value: null, status: 'invalid', raw: e.message, method, usage };
  }
}

/** The rows of one chunk of stored cells, with every judge call of the chunk looked up at once. */
export function chunkRows(runId: string, definition: EvalDefinition, chunk: readonly StoredCell[], store: Store, endpoints: Endpoints, origins: ReadonlyMap<string, ModelOrigin> = modelOrigins(definition, store.ledger, endpoints)): ResultRow[] {
  const judged = chunk.map(({ cell, answer }) => (answer === null ? [] : cellJudgeCalls(cell, answer, definition, endpoints)));
  const found = store.judgments.lookup(judged.flatMap((columns) => columns.flatMap((c) => c.calls.map((call) => call.key))));
  return chunk.map(({ cell, stored, answer }, i) => {
    const judges: Record<string, JudgeCell> = {};
    if (answer === null) for (const column of Object.keys(cell.question.judges)) judges[column] = NO_ANSWER;
    for (const { column, calls, method } of judged[i]!) {
      const judge = cell.question.judges[column]!;
      judges[column] = judge.kind === 'match' ? matchVerdict(judge, answer!) : judgeCellOf(judge, calls, method, found);
    }
    const origin = origins.get(cell.model)!;
    return {
      run: runId,
      experiment: definition.experiment ?? null,
      question: cell.question.id,
      condition: conditionOf(cell.question.id).condition ?? null,
      paraphraseIx: cell.paraphraseIx,
      sampleIx: cell.sampleIx,
      group: cell.group,
      variant: origin.variant,
      model: cell.model,
      seed: origin.seed,
      messages: cell.unit.messages,
      answer,
      cacheKey: cell.key,
      usage: stored?.status === 'ok' ? { endpoint: origin.endpoint, model: origin.model, promptTokens: stored.promptTokens, completionTokens: stored.completionTokens } : null,
      latencyMs: stored?.status === 'ok' ? stored.latencyMs : null,
      ...(stored?.status === 'failed' ? { error: stored.error ?? 'failed' } : stored ? {} : { error: 'not asked yet' }),
      judges,
    };
  });
}

/**
 * A run's tidy rows, rebuilt from its definition and the store one at a time, in result order
 * (group, model, question, paraphrase, sample): a chunk of cells is read at a time, so a run of any
 * size streams in flat memory. Answers and judgments not stored yet show as `error: 'not asked
 * yet'` and `pending`. Makes no calls.
 *
 * @example
 * for (const row of iterateRows(runId, loadRunDefinition(ws.store, runId), ws.store, ws.endpoints)) console.log(row.answer);
 */
export function* iterateRows(runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints): Generator<ResultRow> {
  const origins = modelOrigins(definition, store.ledger, endpoints);
  for (const chunk of storedCells(planUnits(definition, endpoints), store)) yield* chunkRows(runId, definition, chunk, store, endpoints, origins);
}

/**
 * Every row of a run as an array (`iterateRows` streams them). Makes no calls.
 *
 * @example
 * const rows = buildRows(runId, loadRunDefinition(ws.store, runId), ws.store, ws.endpoints);
 */
export function buildRows(runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints): ResultRow[] {
  return [...iterateRows(runId, definition, store, endpoints)];
}
