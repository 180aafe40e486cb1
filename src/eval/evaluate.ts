// The evaluation: ask every sample, then judge every answer, each stage resuming from the store.
import { dirname } from 'node:path';
import type { PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store, CallCache } from '../store/index.js';
import { executeBatchStage, type BatchStageResult } from './batch/run-batches.js';
import type { Caller } from './calls/caller.js';
import { executeCalls, type StageProgress, type StageResult } from './execute.js';
import { runFingerprint } from './fingerprint.js';
import { cellJudgeCalls, chunked, hasJudges, judgeCallStream } from './cell-stream.js';
import { cellCount, cellsOf, distinctUnits, judgeModelRefs, planUnits, uniqueCalls, type EvalDefinition, type PlannedCall, type SampleUnit } from './plan.js';

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

/** How many judge calls the answered cells need (repeats included): what the judgments stage counts to. */
function judgeCallCount(units: readonly SampleUnit[], definition: EvalDefinition, store: Store, endpoints: Endpoints): number {
  if (!units.some(hasJudges)) return 0;
  let count = 0;
  const perCell = new Map<SampleUnit, number>();
  for (const chunk of chunked(cellsOf(units))) {
    const answered = store.requests.answeredKeys(chunk.map((c) => c.key));
    for (const cell of chunk) {
      if (!answered.has(cell.key)) continue;
      let n = perCell.get(cell.unit);
      // How many calls a judge makes does not depend on the answer's text.
      if (n === undefined) perCell.set(cell.unit, (n = cellJudgeCalls(cell, '', definition, endpoints).reduce((sum, j) => sum + j.calls.length, 0)));
      count += n;
    }
  }
  return count;
}

/** Every endpoint the run will call: models of the groups and of the judges. */
export function endpointsUsed(definition: EvalDefinition, endpoints: Endpoints): string[] {
  const refs = [...Object.values(definition.groups).flat(), ...judgeModelRefs(definition)];
  return [...new Set(refs.map((r) => endpoints.resolve(r).ref.endpoint))];
}

/** A stage of a sealed run as a rerun finds it: every call cached, nothing asked. */
function allCached(stage: StageResult): StageResult {
  const repeats = stage.repeats ?? 0;
  return { ...stage, cached: stage.total - repeats, repeats, called: 0, failed: 0, failures: {}, promptTokens: 0, completionTokens: 0, costUsd: 0, unpriced: [] };
}

/**
 * The summary of run `runId` as a rerun would end, when the run was sealed complete with this
 * fingerprint and no stored call has been removed or replaced since: no pass over its calls is needed.
 */
export function sealedRun(store: Store, runId: string, fingerprint: string): EvalSummary | undefined {
  const sealed = store.runs.sealedSummary(runId, fingerprint) as EvalSummary | undefined;
  if (sealed?.judgments === undefined || typeof sealed.answers?.total !== 'number') return undefined;
  return { runId, status: 'complete', rows: sealed.rows, answers: allCached(sealed.answers), judgments: allCached(sealed.judgments) };
}

export async function evaluate(options: EvaluateOptions): Promise<EvalSummary> {
  const { runId, definition, store, endpoints } = options;
  // A missing key or an unknown endpoint fails here, before anything is asked.
  for (const endpoint of endpointsUsed(definition, endpoints)) endpoints.provider(endpoint);
  // Read before any call is looked up: a call removed while the run goes on leaves it unsealed.
  const seal = { fingerprint: runFingerprint(definition, endpoints), generation: store.runs.cacheGeneration() };
  const sealed = sealedRun(store, runId, seal.fingerprint);
  store.runs.start(runId, 'eval', definition, options.resumeCommand);
  if (sealed) {
    store.runs.finish(runId, 'complete', sealed, seal);
    return sealed;
  }
  const common = {
    caller: options.caller,
    prices: options.prices,
    providerFor: (endpoint: string) => endpoints.provider(endpoint),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const units = planUnits(definition, endpoints);
  const batches: Record<string, BatchStageResult> = {};
  const stage = async (name: string, stageCalls: () => Iterable<PlannedCall>, total: number, cache: CallCache) => {
    if (options.batch && !options.signal?.aborted) {
      // A batch file holds its calls: the Batch API path reads the stage's calls whole, each once (a batch refuses a repeated custom_id).
      batches[name] = await executeBatchStage([...new Map([...stageCalls()].map((c) => [c.key, c])).values()], {
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
    return executeCalls(stageCalls(), total, { ...common, stage: name, cache });
  };
  try {
    const answers = await stage('answers', () => uniqueCalls(units), cellCount(distinctUnits(units)), store.requests);
    let summary: EvalSummary = { runId, status: 'stopped', rows: cellCount(units), answers, ...(options.batch ? { batches } : {}) };
    if (!options.signal?.aborted) {
      const judgments = await stage('judgments', () => judgeCallStream(units, definition, store, endpoints), judgeCallCount(units, definition, store, endpoints), store.judgments);
      const failed = answers.failed + judgments.failed;
      summary = { ...summary, judgments, status: options.signal?.aborted ? 'stopped' : failed > 0 ? 'incomplete' : 'complete' };
    }
    store.runs.finish(runId, summary.status, summary, seal);
    return summary;
  } catch (e) {
    store.runs.finish(runId, 'failed', { error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
