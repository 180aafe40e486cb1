// One sample of a stored run read back whole, for a viewer: its row, the call behind it, and each
// judge's stored calls (their raw choices carry a rating judge's top logprobs). Makes no calls.
import type { Endpoints } from '../providers/index.js';
import type { CachedCall, Store } from '../store/index.js';
import { cellJudgeCalls } from './cell-stream.js';
import type { JudgeMethod } from './judges/index.js';
import { cellAt, type EvalDefinition, type SampleUnit } from './plan.js';
import { chunkRows, type ResultRow } from './rows.js';

/** One judge column of a sample: how it judged, and the stored calls it made (absent: not asked yet). */
export interface StoredJudgeCalls {
  column: string;
  method: JudgeMethod;
  calls: { key: string; call?: CachedCall }[];
}

export interface StoredSample {
  row: ResultRow;
  /** The cache key of the sample's call. */
  key: string;
  /** The stored call (answer or failure), absent when it was not asked yet. */
  call?: CachedCall;
  judges: StoredJudgeCalls[];
}

/**
 * The rows of chosen samples (each a unit of `planUnits(definition, endpoints)` and a sample index)
 * in the order given, with one look-up of their answers and one of their judgments.
 */
export function sampleRows(runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints, samples: readonly { unit: SampleUnit; sampleIx: number }[]): ResultRow[] {
  const cells = samples.map(({ unit, sampleIx }) => cellAt(unit, sampleIx));
  const found = store.requests.lookup(cells.map((c) => c.key));
  return chunkRows(runId, definition, cells.map((cell) => {
    const stored = found.get(cell.key);
    return { cell, stored, answer: stored?.status === 'ok' ? (stored.choices?.[0]?.text ?? '') : null };
  }), store, endpoints);
}

/** Sample `sampleIx` of `unit` (one of `planUnits(definition, endpoints)`) of run `runId`, as stored now. */
export function storedSample(runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints, unit: SampleUnit, sampleIx: number): StoredSample {
  const cell = cellAt(unit, sampleIx);
  const call = store.requests.get(cell.key);
  const stored = call ? { status: call.status, ...(call.choices ? { choices: call.choices } : {}), ...(call.error !== undefined ? { error: call.error } : {}), promptTokens: call.promptTokens, completionTokens: call.completionTokens, latencyMs: call.latencyMs } : undefined;
  const answer = call?.status === 'ok' ? (call.choices?.[0]?.text ?? '') : null;
  const row = chunkRows(runId, definition, [{ cell, stored, answer }], store, endpoints)[0]!;
  const judges = answer === null ? [] : cellJudgeCalls(cell, answer, definition, endpoints).map(({ column, calls, method }) => ({ column, method, calls: calls.map((c) => {
    const judged = store.judgments.get(c.key);
    return judged ? { key: c.key, call: judged } : { key: c.key };
  }) }));
  return { row, key: cell.key, ...(call ? { call } : {}), judges };
}
