// What the analysis reads: rows it may walk more than once (an array, or the compact table of a
// run), filtered lazily so that no step copies a run's rows.
import type { ScoredRow } from '../eval/index.js';

/** Rows the analysis walks, as often as it needs: an array of rows, or a `RowTable`. */
export type Rows = Iterable<ScoredRow>;

/** The rows that pass `keep`, walked afresh each time (nothing is copied). */
export function filterRows(rows: Rows, keep: (row: ScoredRow) => boolean): Rows {
  return {
    *[Symbol.iterator]() {
      for (const row of rows) if (keep(row)) yield row;
    },
  };
}

export function someRow(rows: Rows, test: (row: ScoredRow) => boolean): boolean {
  for (const row of rows) if (test(row)) return true;
  return false;
}
