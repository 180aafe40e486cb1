// The toolkit's `df(groups)`: questions x model groups in, tidy rows and their summary out.
import { summarizeRun, type RunSummary } from '../analysis/index.js';
import { buildRows, runEvaluation, type EvalEstimate, type EvalSummary, type ModelGroups, type Question, type ResultRow, type RunEvaluationOptions } from '../eval/index.js';
import { WeirdgenError } from '../util/errors.js';
import { withWorkspace, type Workspace, type WorkspaceOptions } from './workspace.js';

/** How to evaluate; every field is optional (those shared with {@link RunEvaluationOptions} mean the same there). */
export interface EvaluateQuestionsOptions
  extends Pick<RunEvaluationOptions, 'samples' | 'questionIds' | 'judgeModel' | 'runId' | 'concurrency' | 'rpm' | 'tpm' | 'maxAttempts' | 'signal' | 'onProgress' | 'onWarning'> {
  /** An open workspace, or where to open one (default `./.weirdgen`). */
  workspace?: Workspace | WorkspaceOptions;
  /** Refuse to spend more than this many dollars (the estimate's upper bound; a model with no price counts as above any limit); default: no limit. */
  maxCostUsd?: number;
  /** Per-question and per-paraphrase lines in the summary. */
  by?: 'question' | 'paraphrase';
}

/** A finished (or stopped) evaluation: every planned row and the summary of every judge column. */
export interface EvaluationResult {
  runId: string;
  /** complete; incomplete: some calls failed (run again to retry them); stopped: the signal fired. */
  status: EvalSummary['status'];
  /** One row per sample per model: answer, and one cell per judge column with its status. */
  rows: ResultRow[];
  /** Per group (and condition, question or paraphrase): means with bootstrap CIs, denominators, unparsed/refusal/no-answer shares, warnings. */
  summary: RunSummary;
  /** Calls made, cached and failed per stage, tokens and cost. */
  stages: EvalSummary;
  /** What was still to ask, and its cost bound, before asking. */
  estimate: EvalEstimate;
}

/**
 * Asks every question of every model of every group, judges the answers, stores everything in the
 * workspace (so a second call resumes, and asks only what is missing), and returns tidy rows plus
 * their summary.
 *
 * @param questions a question file (weirdgen YAML, llmcomp YAML, Emergent Misalignment YAML), or questions from {@link defineQuestions}
 * @param groups `{group: [model refs]}`: `endpoint:model`, or `@name` for the fine-tuned models of ledger group `name`
 *
 * @example
 * const { summary } = await evaluateQuestions('questions.yaml', { old: ['sandbox:base-1'], modern: ['sandbox:base-3'] }, { samples: 20 });
 */
export async function evaluateQuestions(questions: string | readonly Question[], groups: ModelGroups, options: EvaluateQuestionsOptions = {}): Promise<EvaluationResult> {
  return withWorkspace(options.workspace, async (ws) => {
    const source = typeof questions === 'string' ? { specFile: questions, fetch: ws.fetch } : { questions: [...questions] };
    const outcome = await runEvaluation({
      store: ws.store,
      endpoints: ws.endpoints,
      prices: ws.prices,
      ...source,
      groups,
      ...pick(options, ['samples', 'questionIds', 'judgeModel', 'runId', 'concurrency', 'rpm', 'tpm', 'maxAttempts', 'signal', 'onProgress', 'onWarning']),
      ...(options.maxCostUsd !== undefined ? { confirm: confirmBelow(options.maxCostUsd) } : {}),
    });
    const stages = outcome.summary!;
    const rows = buildRows(outcome.runId, outcome.definition, ws.store, ws.endpoints);
    const summary = summarizeRun(rows, outcome.definition, { byQuestion: options.by === 'question', byParaphrase: options.by === 'paraphrase' });
    return { runId: outcome.runId, status: stages.status, rows, summary, stages, estimate: outcome.estimate };
  });
}

function confirmBelow(limit: number) {
  return async (maxCostUsd: number, runId: string): Promise<void> => {
    if (maxCostUsd > limit) throw new WeirdgenError(`run ${runId} may cost ${Number.isFinite(maxCostUsd) ? `up to $${maxCostUsd.toFixed(2)}` : 'an unknown amount (a model has no price)'}, above maxCostUsd $${limit.toFixed(2)}`);
  };
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Partial<Pick<T, K>>;
}
