// Tidy result rows, rebuilt from a run's definition and the store: one row per sample per model of
// a group, one set of columns per judge. Needs no key and no connection.
import type { Endpoints, ChatMessage } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { JudgeError, matchVerdict, parseVerdict, type JudgeVerdict } from './judges/index.js';
import { judgeCalls, lastUserMessage, planSamples, type EvalDefinition, type SampleCell } from './plan.js';
import { questionMessages } from './question.js';

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
}

/** One sample of one model: the tidy row of a run, with one cell per judge column. */
export interface ResultRow {
  run: string;
  /** The experiment a run belongs to, when it belongs to one. */
  experiment: string | null;
  question: string;
  paraphraseIx: number;
  sampleIx: number;
  group: string;
  model: string;
  messages: ChatMessage[];
  /** null when the sample has no answer (see `error`). */
  answer: string | null;
  error?: string;
  judges: Record<string, JudgeCell>;
}

const PENDING: JudgeCell = { value: null, status: 'pending', raw: '' };
const NO_ANSWER: JudgeCell = { value: null, status: 'no-answer', raw: '' };

export function judgeCell(store: Store, endpoints: Endpoints, definition: EvalDefinition, cell: SampleCell, column: string, answer: string): JudgeCell {
  const judge = cell.question.judges[column]!;
  if (judge.kind === 'match') return matchVerdict(judge, answer);
  const { calls, method } = judgeCalls(judge, lastUserMessage(cell), answer, endpoints, definition.judgeModel);
  const found = calls.map((c) => store.judgments.get(c.key));
  const failure = found.find((f) => f?.status === 'failed');
  if (found.some((f) => f === undefined)) return PENDING;
  if (failure) return { value: null, status: 'failed', raw: failure.error ?? '' };
  const choices = found.flatMap((f) => f!.choices ?? []);
  try {
    const verdict = parseVerdict(judge, choices, method);
    return { value: verdict.value, status: verdict.status, raw: verdict.raw, method: verdict.method };
  } catch (e) {
    if (!(e instanceof JudgeError)) throw e;
    return { value: null, status: 'invalid', raw: e.message, method };
  }
}

/**
 * Rebuilds a run's tidy rows from its definition and the store, one per sample per model; answers
 * and judgments not stored yet show as `error: 'not asked yet'` and `pending`. Makes no calls.
 *
 * @example
 * const rows = buildRows(runId, loadRunDefinition(ws.store, runId), ws.store, ws.endpoints);
 */
export function buildRows(runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints): ResultRow[] {
  const { cells } = planSamples(definition, endpoints);
  return cells.map((cell) => {
    const call = store.requests.get(cell.key);
    const answer = call?.status === 'ok' ? (call.choices?.[0]?.text ?? '') : null;
    const judges: Record<string, JudgeCell> = {};
    for (const column of Object.keys(cell.question.judges)) judges[column] = answer === null ? NO_ANSWER : judgeCell(store, endpoints, definition, cell, column, answer);
    return {
      run: runId,
      experiment: definition.experiment ?? null,
      question: cell.question.id,
      paraphraseIx: cell.paraphraseIx,
      sampleIx: cell.sampleIx,
      group: cell.group,
      model: cell.model,
      messages: questionMessages(cell.question, cell.paraphraseIx),
      answer,
      ...(call?.status === 'failed' ? { error: call.error ?? 'failed' } : call ? {} : { error: 'not asked yet' }),
      judges,
    };
  });
}
