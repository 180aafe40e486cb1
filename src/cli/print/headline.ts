// A run's headline as a table: groups x headline metrics with CIs and denominators, as `results` prints them.
import type { MetricCell } from '../../analysis/index.js';
import { isSummary } from '../../run/index.js';
import { resultsTable } from '../results-table.js';

/** Declared metrics under one heading, judge columns (and labels) under another. */
export function headlineTable(cells: readonly MetricCell[]): string {
  const declared = cells.filter((c) => !isSummary(c));
  const columns = cells.filter(isSummary);
  return [...(declared.length ? [resultsTable(declared, ['metric'])] : []), ...(columns.length ? [resultsTable(columns, ['column', 'label'])] : [])].join('\n\n');
}
