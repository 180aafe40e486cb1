// What a summary cell measures, as a line of the run's summary or of a comparison names it.
import type { MetricCell, MetricSummary } from '../analysis/index.js';
import type { LineHeading } from './api-types.js';

/** A declared metric's cell, or a judge column's summary. */
export type SummaryCell = MetricCell & Partial<Pick<MetricSummary, 'column' | 'label' | 'kind'>>;

/** `v`, or null when it is not a finite number (JSON has no NaN). */
export const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function lineHeading(cell: SummaryCell): LineHeading {
  return {
    metric: cell.column ?? cell.metric.id,
    label: cell.label ?? null,
    kind: cell.kind ?? 'metric',
    question: cell.question ?? null,
    condition: cell.condition ?? null,
  };
}
