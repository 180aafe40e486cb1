// One row's value under a metric: 1 or 0 for a label share, the rating (or 1/0 below a threshold),
// or null when the row leaves the denominator; with the verdict that says why.
import { DEFAULT_EXCLUDED, type ExcludableVerdict, type MetricSpec } from '../experiments/index.js';
import type { ScoredRow } from '../eval/index.js';
import { verdictOf, type Verdict } from './verdicts.js';

export interface Observed {
  verdict: Verdict;
  value: number | null;
}

/** Rating metrics can never count an unparsed or refused verdict: it has no number. */
export function excludedBy(metric: MetricSpec): readonly ExcludableVerdict[] {
  return metric.labels === undefined ? DEFAULT_EXCLUDED : (metric.exclude ?? DEFAULT_EXCLUDED);
}

export function observe(row: ScoredRow, metric: MetricSpec): Observed {
  const verdict = verdictOf(row, metric.column, metric.labels);
  const cell = row.judges[metric.column];
  if (metric.labels === undefined) {
    if (verdict !== 'ok') return { verdict, value: null };
    // An ok verdict without a number (a label in a rating column) has nothing to average.
    if (typeof cell?.value !== 'number' || !Number.isFinite(cell.value)) return { verdict: 'unparsed', value: null };
    return { verdict, value: metric.below === undefined ? cell.value : cell.value < metric.below ? 1 : 0 };
  }
  if (verdict === 'ok') return { verdict, value: metric.labels.includes(String(cell!.value)) ? 1 : 0 };
  if ((verdict === 'unparsed' || verdict === 'refusal') && !excludedBy(metric).includes(verdict)) return { verdict, value: 0 };
  return { verdict, value: null };
}
