// Runs planned calls that the cache has no answer for, writing each result the moment it arrives.
// A fatal error (quota, auth, bad request, unknown model) stops everything at once.
import { setMaxListeners } from 'node:events';
import type { PriceTable } from '../data/index.js';
import { bodyExcerpt, type Provider } from '../providers/index.js';
import type { CallCache } from '../store/index.js';
import { CallFailed, type Caller } from './calls/caller.js';
import { inferenceCost } from './cost.js';
import type { PlannedCall } from './plan.js';

/** Progress of one stage (answers or judgments) as calls land; `costUsd` counts priced calls only. */
export interface StageProgress {
  stage: string;
  done: number;
  total: number;
  failed: number;
  retrying: number;
  tokens: number;
  costUsd: number;
}

/** How one stage ended: calls cached, made and failed, tokens used and their cost in USD. */
export interface StageResult {
  stage: string;
  total: number;
  cached: number;
  called: number;
  failed: number;
  /** Failure reason -> count, for the summary. */
  failures: Record<string, number>;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** Models with no price in the table (their cost is not counted). */
  unpriced: string[];
}

export interface ExecuteOptions {
  stage: string;
  providerFor: (endpoint: string) => Provider;
  cache: CallCache;
  caller: Caller;
  prices: PriceTable;
  signal?: AbortSignal;
  onProgress?: (p: StageProgress) => void;
  /** Calls launched but not finished at most. */
  window?: number;
}

/** Failure reasons as stored and summarised: key-like strings redacted, on one line, cut to a length a summary can show. */
function reasonOf(e: CallFailed): string {
  return bodyExcerpt(e.message, 200);
}

export async function executeCalls(calls: readonly PlannedCall[], options: ExecuteOptions): Promise<StageResult> {
  const { cache, caller, prices, stage } = options;
  const answered = cache.answered(calls.map((c) => c.key));
  const missing = calls.filter((c) => !answered.has(c.key));
  const result: StageResult = { stage, total: calls.length, cached: answered.size, called: 0, failed: 0, failures: {}, promptTokens: 0, completionTokens: 0, costUsd: 0, unpriced: [] };
  const unpriced = new Set<string>();
  const internal = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
  // Every waiting call listens to this signal.
  setMaxListeners(0, signal);
  signal.addEventListener('abort', () => caller.wakeAll(), { once: true });
  let fatal: unknown;
  const report = () =>
    options.onProgress?.({ stage, done: result.cached + result.called + result.failed, total: calls.length, failed: result.failed, retrying: caller.retriesInFlight, tokens: result.promptTokens + result.completionTokens, costUsd: result.costUsd });
  report();

  const runOne = async (call: PlannedCall) => {
    const record = { key: call.key, endpoint: call.material.endpoint, model: call.material.model, material: call.material };
    try {
      const { response, attempts } = await caller.call(options.providerFor(call.material.endpoint), call.request, call.estimatedTokens, signal);
      cache.putAnswer(record, response.choices, response.usage, attempts);
      result.called++;
      result.promptTokens += response.usage.promptTokens;
      result.completionTokens += response.usage.completionTokens;
      const cost = inferenceCost(call.material.endpoint, call.material.model, response.usage, prices);
      if (cost === undefined) unpriced.add(`${call.material.endpoint}:${call.material.model}`);
      else result.costUsd += cost;
    } catch (e) {
      // Calls the run's own abort interrupted end quietly; they are asked again next time.
      if (signal.aborted && e === signal.reason) return;
      if (!(e instanceof CallFailed) || e.fatal) throw e;
      cache.putFailure(record, reasonOf(e), e.attempts);
      result.failed++;
      const reason = reasonOf(e);
      result.failures[reason] = (result.failures[reason] ?? 0) + 1;
    }
    report();
  };

  // Workers pull the next call as they finish one; the caller's lanes hold the real limits.
  let next = 0;
  const worker = async () => {
    while (next < missing.length && !signal.aborted) {
      await runOne(missing[next++]!).catch((e: unknown) => {
        // A fatal answer, or no answer at all (a full disk, a bug): stop asking; calls in flight land.
        fatal ??= e;
        internal.abort(e);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.window ?? 1024, missing.length) }, worker));
  result.unpriced = [...unpriced];
  report();
  if (fatal !== undefined) throw fatal;
  return result;
}
