// The evaluation: ask every sample, then judge every answer, each stage resuming from the store.
import { dirname } from 'node:path';
import type { PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store, CallCache } from '../store/index.js';
import { executeBatchStage, type BatchStageResult } from './batch/run-batches.js';
import type { Caller } from './calls/caller.js';
import { executeCalls, type StageProgress, type StageResult } from './execute.js';
import { allQuestions, judgeCalls, lastUserMessage, planSamples, type EvalDefinition, type PlannedCall } from './plan.js';

export interface EvaluateOptions {
  runId: string;
  definition: EvalDefinition;
  store: Store;
  endpoints: Endpoints;
  caller: Caller;
  prices: PriceTable;
  signal?: AbortSignal;
  onProgress?: (p: StageProgress) => void;
  /** Send the calls through the Batch API first; the direct path retries what batches could not answer. */
  batch?: { pollMs: number; onStatus?: (line: string) => void };
  /** The command line that resumes this run, shown if its process dies before it ends. */
  resumeCommand?: string;
}

/** How a run ended: `complete`, `incomplete` (some calls failed; the same call asks them again) or `stopped` (aborted); `judgments` is absent when stopped during answers. */
export interface EvalSummary {
  runId: string;
  status: 'complete' | 'incomplete' | 'stopped';
  rows: number;
  answers: StageResult;
  judgments?: StageResult;
  /** Per stage, when batching. */
  batches?: Record<string, BatchStageResult>;
}

/** The judge calls for every answered sample, without duplicates. */
export function planJudgments(definition: EvalDefinition, store: Store, endpoints: Endpoints): PlannedCall[] {
  const { cells } = planSamples(definition, endpoints);
  const calls = new Map<string, PlannedCall>();
  for (const cell of cells) {
    const columns = Object.entries(cell.question.judges);
    if (columns.length === 0) continue;
    const answer = store.requests.get(cell.key);
    if (answer?.status !== 'ok') continue;
    const text = answer.choices?.[0]?.text ?? '';
    for (const [, judge] of columns) for (const call of judgeCalls(judge, lastUserMessage(cell), text, endpoints, definition.judgeModel).calls) calls.set(call.key, call);
  }
  return [...calls.values()];
}

/** Every endpoint the run will call: models of the groups and of the judges. */
export function endpointsUsed(definition: EvalDefinition, endpoints: Endpoints): string[] {
  const refs = [...Object.values(definition.groups).flat(), ...(definition.judgeModel ? [definition.judgeModel] : allQuestions(definition).flatMap((q) => Object.values(q.judges).flatMap((j) => (j.kind === 'match' ? [] : [j.model]))))];
  return [...new Set(refs.map((r) => endpoints.resolve(r).ref.endpoint))];
}

export async function evaluate(options: EvaluateOptions): Promise<EvalSummary> {
  const { runId, definition, store, endpoints } = options;
  // A missing key or an unknown endpoint fails here, before anything is asked.
  for (const endpoint of endpointsUsed(definition, endpoints)) endpoints.provider(endpoint);
  store.runs.start(runId, 'eval', definition, options.resumeCommand);
  const common = {
    caller: options.caller,
    prices: options.prices,
    providerFor: (endpoint: string) => endpoints.provider(endpoint),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const { cells, calls } = planSamples(definition, endpoints);
  const batches: Record<string, BatchStageResult> = {};
  const stage = async (name: string, stageCalls: PlannedCall[], cache: CallCache) => {
    if (options.batch && !options.signal?.aborted) {
      batches[name] = await executeBatchStage(stageCalls, {
        runId,
        workspace: dirname(store.file),
        stage: name,
        cache,
        batches: store.batches,
        prices: options.prices,
        remoteFor: (endpoint) => endpoints.provider(endpoint).remote,
        pollMs: options.batch.pollMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.batch.onStatus ? { onStatus: options.batch.onStatus } : {}),
      });
    }
    return executeCalls(stageCalls, { ...common, stage: name, cache });
  };
  try {
    const answers = await stage('answers', calls, store.requests);
    let summary: EvalSummary = { runId, status: 'stopped', rows: cells.length, answers, ...(options.batch ? { batches } : {}) };
    if (!options.signal?.aborted) {
      const judgments = await stage('judgments', planJudgments(definition, store, endpoints), store.judgments);
      const failed = answers.failed + judgments.failed;
      summary = { ...summary, judgments, status: options.signal?.aborted ? 'stopped' : failed > 0 ? 'incomplete' : 'complete' };
    }
    store.runs.finish(runId, summary.status, summary);
    return summary;
  } catch (e) {
    store.runs.finish(runId, 'failed', { error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
