// One evaluation from what a user names to its summary: model references checked, questions loaded,
// the run's definition and id, the estimate, a confirmation, then answers and judgments through
// one caller. `weirdgen eval` and the library's evaluation call are this function.
import type { FetchOptions, PriceTable } from '../data/index.js';
import { checkModelRefs, DEFAULT_RETRY_POLICY, type Endpoints } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { Caller } from './calls/caller.js';
import { buildDefinition, defaultRunId, expandLedgerGroups } from './definition.js';
import { estimateEval, type EvalEstimate } from './estimate.js';
import { evaluate, type EvalSummary } from './evaluate.js';
import type { StageProgress } from './execute.js';
import type { ModelGroups } from './groups.js';
import { resolveOfficialFile } from './official-spec.js';
import { judgeModelRefs, type EvalDefinition } from './plan.js';
import type { Question } from './question.js';
import { ConfigError } from '../util/errors.js';

/** What one evaluation asks, of which models, and how. */
export interface RunEvaluationOptions {
  /** The workspace database: cached calls, runs and the fine-tuning ledger (for `@group` references). */
  store: Store;
  /** Where model references lead; created with the per-request timeout wanted. */
  endpoints: Endpoints;
  /** Prices for the estimate and the cost of what is asked. */
  prices: PriceTable;
  /** A question file (weirdgen, llmcomp or Emergent Misalignment YAML), or `official:PATH` for a pinned file of the paper. */
  specFile?: string;
  /** Questions built in code, instead of `specFile`; the default run id starts with `questions`. */
  questions?: Question[];
  /** Where `official:` files come from (workspace cache, mirror); needed only for such a spec file. */
  fetch?: FetchOptions;
  /** `{group: [model refs]}`; `@name` stands for the succeeded fine-tuned models of ledger group `name`. */
  groups: ModelGroups;
  /** Samples per paraphrase for every question (default: each question's own). */
  samples?: number;
  /** Only these question ids. */
  questionIds?: string[];
  /** One model for every judge. */
  judgeModel?: string;
  /** Run id (default: from the spec name and a hash of the definition, so the same call resumes the same run). */
  runId?: string;
  /** Calls in flight per model at most (default: the endpoint's). */
  concurrency?: number;
  /** Requests per minute per model (default: the endpoint's). */
  rpm?: number;
  /** Tokens per minute per model (default: the endpoint's). */
  tpm?: number;
  /** Attempts per call before it is stored as failed (default: DEFAULT_RETRY_POLICY.maxAttempts). */
  maxAttempts?: number;
  /** Send the calls through the Batch API first, looking every `pollMs`; the direct path asks what batches could not answer. */
  batch?: { pollMs: number; onStatus?: (line: string) => void };
  /** Plan and estimate only: nothing is asked or stored. */
  dryRun?: boolean;
  /** Stops the run between calls; answers already stored are kept, and the same call resumes. */
  signal?: AbortSignal;
  /** Per stage (answers, then judgments): done, total, retries waiting, tokens, cost. */
  onProgress?: (progress: StageProgress) => void;
  /** Problems that do not stop the run (an unreadable llmcomp sibling file skipped). */
  onWarning?: (message: string) => void;
  /**
   * Called with the cost bound before anything is asked (Infinity when a model to ask has no price:
   * an unknown price needs a yes as much as a high one); throw to stop. Default: go ahead.
   */
  confirm?: (maxCostUsd: number, runId: string, estimate: EvalEstimate) => Promise<void>;
  /** The command line that resumes this run, shown if its process dies before it ends. */
  resumeCommand?: (runId: string) => string | Promise<string>;
}

/** What `runEvaluation` returns: the run id, its definition, the estimate made before asking and, unless a dry run, the summary. */
export interface EvaluationOutcome {
  runId: string;
  definition: EvalDefinition;
  /** Calls still to make and what they may cost, as it stood before asking. */
  estimate: EvalEstimate;
  /** Absent on a dry run. */
  summary?: EvalSummary;
}

/**
 * Evaluates questions x model groups: every model reference (groups, judge model, the questions'
 * judges) is checked before any file is fetched or call made; then the run is estimated, confirmed,
 * and its answers and judgments asked and stored as they arrive.
 *
 * @example
 * const { runId, summary } = await runEvaluation({ store, endpoints, prices, specFile: 'questions.yaml', groups: { old: ['sandbox:base-1'] } });
 */
export async function runEvaluation(options: RunEvaluationOptions): Promise<EvaluationOutcome> {
  const { store, endpoints } = options;
  const groups = expandLedgerGroups(options.groups, store.ledger);
  await checkModelRefs([...Object.values(groups).flat(), ...(options.judgeModel !== undefined ? [options.judgeModel] : [])], endpoints);
  const source = await questionSource(options);
  const definition = await buildDefinition(
    {
      ...source,
      groups,
      ...(options.samples !== undefined ? { samples: options.samples } : {}),
      ...(options.judgeModel !== undefined ? { judgeModel: options.judgeModel } : {}),
      ...(options.questionIds ? { questionIds: options.questionIds } : {}),
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    },
    endpoints,
  );
  if (definition.judgeModel === undefined) await checkModelRefs(judgeModelRefs(definition), endpoints);
  const runId = options.runId ?? defaultRunId(options.specFile ?? 'questions', definition);
  const estimate = estimateEval(definition, store, endpoints, options.prices, runId);
  if (options.dryRun) return { runId, definition, estimate };
  const unpriced = estimate.answers.unpriced.length + estimate.judgments.unpriced.length > 0;
  await options.confirm?.(unpriced ? Number.POSITIVE_INFINITY : estimate.answers.maxCostUsd + estimate.judgments.maxCostUsd, runId, estimate);
  const overrides = { concurrency: options.concurrency, rpm: options.rpm, tpm: options.tpm };
  const given = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const caller = new Caller({
    policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts },
    limits: (endpoint) => endpoints.limits(endpoint, given),
  });
  const summary = await evaluate({
    runId,
    definition,
    store,
    endpoints,
    caller,
    prices: options.prices,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.batch ? { batch: options.batch } : {}),
    ...(options.resumeCommand ? { resumeCommand: await options.resumeCommand(runId) } : {}),
  });
  return { runId, definition, estimate, summary };
}

/** Exactly one of a question file (resolved when it is `official:`) and questions given in code. */
async function questionSource(options: RunEvaluationOptions): Promise<{ specFile: string } | { questions: Question[] }> {
  if (options.questions !== undefined && options.specFile !== undefined) throw new ConfigError('give a question file or questions, not both');
  if (options.questions !== undefined) return { questions: options.questions };
  if (options.specFile === undefined) throw new ConfigError('no questions: give a question file or questions');
  return { specFile: options.fetch ? await resolveOfficialFile(options.specFile, 'questions', options.fetch) : options.specFile };
}
