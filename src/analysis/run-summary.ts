// The summary `weirdgen results` shows of a run: every judge column and label, the run's declared
// metrics, and the cells that need a warning.
import type { EvalDefinition } from '../eval/index.js';
import type { Dimension } from './cells.js';
import { columnKinds } from './judge-columns.js';
import type { Rows } from './rows.js';
import { measure, type MetricCell } from './measure.js';
import { summarizeRows, type MetricSummary } from './summarize.js';
import { cellWarnings, type CellWarning } from './warnings.js';

/** What `summarizeRun` returns: every judge column summarized, the declared metrics, and warnings about cells. */
export interface RunSummary {
  summaries: MetricSummary[];
  /** The definition's declared metrics, measured as they declare (labels, threshold, denominator). */
  metrics: MetricCell[];
  warnings: CellWarning[];
}

/**
 * Summarizes a run's rows per group as `weirdgen results` shows them, optionally split by question
 * or paraphrase; bootstrap CIs are seeded (default 0).
 *
 * @example
 * const summary = summarizeRun(loadRunRows(ws.store, ws.endpoints, runId), loadRunDefinition(ws.store, runId), { byQuestion: true });
 */
export function summarizeRun(rows: Rows, definition: EvalDefinition, options: { byQuestion?: boolean; byParaphrase?: boolean; seed?: number | string } = {}): RunSummary {
  const metricsDeclared = definition.metrics ?? [];
  const summaries = summarizeRows(rows, { ...options, metrics: metricsDeclared, columns: columnKinds(definition) });
  const by: Dimension[] = options.byParaphrase ? ['paraphrase'] : options.byQuestion ? ['question'] : [];
  const metrics = metricsDeclared.flatMap((m) => measure(rows, m, { by, seed: options.seed ?? 0 }));
  return { summaries, metrics, warnings: cellWarnings([...metrics, ...summaries]) };
}
