// A run's cells read back in chunks with their stored answers, and the judge calls each answer
// needs: the one pass every stage, estimate, result table and export makes over a run, holding a
// chunk at a time, never the run.
import type { Endpoints } from '../providers/index.js';
import type { Store, StoredResult } from '../store/index.js';
import { cellsOf, judgeCalls, type EvalDefinition, type PlannedCall, type SampleCell, type SampleUnit } from './plan.js';

/** Cells per chunk: large enough for batched look-ups, small enough to keep memory flat. */
export const CELL_CHUNK = 1000;

export interface StoredCell {
  cell: SampleCell;
  /** The stored call behind the cell, if any. */
  stored: StoredResult | undefined;
  /** The answer's text; null when the call failed or was not made yet. */
  answer: string | null;
}

/** Yields up to `size` items of `items` at a time. */
export function* chunked<T>(items: Iterable<T>, size = CELL_CHUNK): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The cells of `units` in result order, a chunk at a time, each with its stored answer. */
export function* storedCells(units: readonly SampleUnit[], store: Store, size = CELL_CHUNK): Generator<StoredCell[]> {
  for (const cells of chunked(cellsOf(units), size)) {
    const found = store.requests.lookup(cells.map((c) => c.key));
    yield cells.map((cell) => {
      const stored = found.get(cell.key);
      return { cell, stored, answer: stored?.status === 'ok' ? (stored.choices?.[0]?.text ?? '') : null };
    });
  }
}

/** The judge columns of an answered cell with the calls each makes (none for a match judge). */
export function cellJudgeCalls(cell: SampleCell, answer: string, definition: EvalDefinition, endpoints: Endpoints): { column: string; calls: PlannedCall[]; method: ReturnType<typeof judgeCalls>['method'] }[] {
  return Object.entries(cell.question.judges).map(([column, judge]) => ({ column, ...judgeCalls(judge, cell.unit.prompt, answer, endpoints, definition.judgeModel) }));
}

/** Every judge call of every answered cell, in cell order (the same call may come twice: equal answers judged alike). */
export function* judgeCallStream(units: readonly SampleUnit[], definition: EvalDefinition, store: Store, endpoints: Endpoints): Generator<PlannedCall> {
  const judged = units.filter(hasJudges);
  if (judged.length === 0) return;
  for (const chunk of storedCells(judged, store)) {
    for (const { cell, answer } of chunk) {
      if (answer === null) continue;
      for (const { calls } of cellJudgeCalls(cell, answer, definition, endpoints)) yield* calls;
    }
  }
}

/** Whether a unit's question has judge columns. */
export function hasJudges(unit: SampleUnit): boolean {
  return Object.keys(unit.question.judges).length > 0;
}
