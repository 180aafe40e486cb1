// The summary of an evaluation run: per-group means with CIs per judge column (and label), the
// denominator and what it left out, warnings, and an optional two-group comparison.
import { cellPlace, compareGroups, runTable, summarizeRun, type MetricCell, type Rows } from '../../analysis/index.js';
import type { EvalDefinition } from '../../eval/index.js';
import type { Endpoints } from '../../providers/index.js';
import type { Store } from '../../store/index.js';
import type { Context } from '../context.js';
import { formatInt, table } from '../io.js';
import { DENOMINATOR_NOTE, formatValue, resultsTable, warningLines } from '../results-table.js';

export interface SummaryOptions {
  byQuestion?: boolean;
  byParaphrase?: boolean;
  /** Two groups, `A,B` (checked by the command). */
  compare?: [string, string];
}

function comparison(rows: Rows, cells: readonly MetricCell[], [a, b]: [string, string]): string[][] {
  return cells.flatMap((cell) => {
    const c = compareGroups(rows, cell, a, b);
    if (!c) return [];
    const name = 'label' in cell && cell.label !== undefined ? [cell.metric.column, String(cell.label)] : 'kind' in cell ? [cell.metric.column] : [cell.metric.title];
    return [[[...cellPlace(cell), ...name].join(' / '), `${a} - ${b}`, Number.isNaN(c.difference) ? '-' : formatValue(cell, c.difference), Number.isNaN(c.pValue) ? 'no values to compare' : `p = ${c.pValue.toFixed(4)} (permutation over ${c.over})`]];
  });
}

export function printSummary(ctx: Context, runId: string, definition: EvalDefinition, store: Store, endpoints: Endpoints, options: SummaryOptions): void {
  const rows = runTable(store, endpoints, runId, definition);
  const { summaries, metrics, warnings } = summarizeRun(rows, definition, { byQuestion: Boolean(options.byQuestion), byParaphrase: Boolean(options.byParaphrase) });
  let answered = 0;
  for (const row of rows) if (row.answer !== null) answered++;
  const compared = options.compare ? comparison(rows, [...metrics, ...summaries], options.compare) : undefined;
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ run: runId, rows: rows.length, answered, denominator: DENOMINATOR_NOTE, metrics, summaries, warnings, ...(compared ? { compare: compared } : {}) }));
    return;
  }
  ctx.io.out(`\n${runId}: ${formatInt(rows.length)} rows, ${formatInt(answered)} answered`);
  if (summaries.length === 0) {
    ctx.io.out('(no judge columns: see `weirdgen export` for the answers)');
    return;
  }
  ctx.io.out(DENOMINATOR_NOTE);
  if (metrics.length) ctx.io.out(`\ndeclared metrics\n${resultsTable(metrics, ['metric'])}\n\nevery judge column`);
  ctx.io.out(resultsTable(summaries, ['column', 'label']));
  if (warnings.length) ctx.io.out(`\n${warningLines(warnings).join('\n')}`);
  if (compared) ctx.io.out(`\n${table(compared)}`);
}
