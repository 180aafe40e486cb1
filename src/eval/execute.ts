// Runs planned calls that the cache has no answer for, writing each result the moment it arrives.
// A fatal error (quota, auth, bad request, unknown model) stops everything at once.
import { setMaxListeners } from 'node:events';
import type { PriceTable } from '../data/index.js';
import { bodyExcerpt, type Provider } from '../providers/index.js';
import type { CallCache } from '../store/index.js';
import { CallFailed, type Caller } from './calls/caller.js';
import { GroupedCommit } from './calls/grouped-commit.js';
import { chunked } from './cell-stream.js';
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
  /** Answered before this stage began. */
  cached: number;
  /** Equal to a call this stage asked already (equal answers are judged alike): asked once. */
  repeats: number;
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

/** Calls read from the source per cache look-up. */
const CALL_CHUNK = 1000;

/** Failure reasons as stored and summarised: key-like strings redacted, on one line, cut to a length a summary can show. */
function reasonOf(e: CallFailed): string {
  return bodyExcerpt(e.message, 200);
}

/**
 * Asks the calls of a stage that the cache has no answer for, pulling them from `calls` a chunk at a
 * time (one look-up per chunk), so a stage of any size holds a chunk and the calls in flight.
 * `total` is what progress counts to. A call equal to one this stage asked already counts as a repeat.
 */
export async function executeCalls(calls: Iterable<PlannedCall>, total: number, options: ExecuteOptions): Promise<StageResult> {
  const { cache, caller, prices, stage } = options;
  const result: StageResult = { stage, total, cached: 0, repeats: 0, called: 0, failed: 0, failures: {}, promptTokens: 0, completionTokens: 0, costUsd: 0, unpriced: [] };
  const unpriced = new Set<string>();
  const internal = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, internal.signal]) : internal.signal;
  // Every waiting call listens to this signal.
  setMaxListeners(0, signal);
  signal.addEventListener('abort', () => caller.wakeAll(), { once: true });
  let fatal: unknown;
  const report = () =>
    options.onProgress?.({ stage, done: result.cached + result.repeats + result.called + result.failed, total, failed: result.failed, retrying: caller.retriesInFlight, tokens: result.promptTokens + result.completionTokens, costUsd: result.costUsd });
  report();

  // Results that land in one turn of the event loop are committed together; a result counts once committed.
  const commits = new GroupedCommit((writes) => cache.transaction(writes));
  const startedAt = new Date().toISOString();
  const chunks = chunked(calls, CALL_CHUNK);
  const inFlight = new Set<string>();
  // Calls that failed in this stage: a repeat is not asked again (the next run asks the call once).
  const failedHere = new Set<string>();
  let queue: PlannedCall[] = [];
  let queued = 0;
  /** The next call to ask: refills the queue from the source, a chunk per look-up, skipping what is answered. */
  const nextCall = (): PlannedCall | undefined => {
    while (queued >= queue.length) {
      const next = chunks.next();
      if (next.done) return undefined;
      const chunk = next.value;
      const answered = cache.answeredAt(chunk.map((c) => c.key));
      const taken = new Set<string>();
      queue = chunk.filter((c) => {
        const at = answered.get(c.key);
        const seen = taken.has(c.key);
        taken.add(c.key);
        if (at !== undefined && at < startedAt) result.cached++;
        else if (at !== undefined || seen || inFlight.has(c.key) || failedHere.has(c.key)) result.repeats++;
        else return true;
        return false;
      });
      queued = 0;
      report();
    }
    return queue[queued++];
  };

  const runOne = async (call: PlannedCall) => {
    inFlight.add(call.key);
    const record = { key: call.key, endpoint: call.material.endpoint, model: call.material.model, material: call.material };
    try {
      const { response, attempts, latencyMs } = await caller.call(options.providerFor(call.material.endpoint), call.request, call.estimatedTokens, signal);
      await commits.add(() => cache.putAnswer(record, response.choices, response.usage, attempts, latencyMs));
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
      await commits.add(() => cache.putFailure(record, reasonOf(e), e.attempts));
      failedHere.add(call.key);
      result.failed++;
      const reason = reasonOf(e);
      result.failures[reason] = (result.failures[reason] ?? 0) + 1;
    } finally {
      inFlight.delete(call.key);
    }
    report();
  };

  // Workers pull the next call as they finish one; the caller's lanes hold the real limits.
  const worker = async () => {
    for (let call = nextCall(); call !== undefined && !signal.aborted; call = signal.aborted ? undefined : nextCall()) {
      await runOne(call).catch((e: unknown) => {
        // A fatal answer, or no answer at all (a full disk, a bug): stop asking; calls in flight land.
        fatal ??= e;
        internal.abort(e);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.window ?? 1024, total)) }, worker));
  result.unpriced = [...unpriced];
  report();
  if (fatal !== undefined) throw fatal;
  return result;
}
