// From result rows to the numbers a reader wants: per judge column (and label), per group, with CIs.
import type { ResultRow } from '../eval/rows.js';
import { aggregateGroups, type GroupStat, type Observation } from './aggregate.js';

export interface MetricSummary {
  column: string;
  /** For label columns: the share of answers with this label. Rating columns have none. */
  label?: string;
  /** Set when summarizing per question. */
  question?: string;
  /** How rating values were obtained: logprobs, or sampled numbers where an endpoint had none. */
  methods?: string[];
  groups: GroupStat[];
}

function isNumericColumn(rows: readonly ResultRow[], column: string): boolean {
  return rows.some((r) => typeof r.judges[column]?.value === 'number');
}

/**
 * One observation per row. A label's share counts every judged answer: an unparsed verdict is an
 * answer without the label (llmcomp compares raw strings). Unjudged, failed, invalid and refused
 * cells have no value, as pandas skips NaN.
 */
export function metricObservations(rows: readonly ResultRow[], column: string, label?: string): Observation[] {
  return rows.map((r) => {
    const cell = r.judges[column];
    let value: number | null = null;
    if (label === undefined) value = typeof cell?.value === 'number' ? cell.value : null;
    else if (cell?.status === 'ok') value = cell.value === label ? 1 : 0;
    else if (cell?.status === 'unparsed') value = 0;
    return { group: r.group, model: r.model, value };
  });
}

function summarizeColumn(rows: readonly ResultRow[], column: string, seed: number | string, question?: string): MetricSummary[] {
  const at = question !== undefined ? { question } : {};
  if (isNumericColumn(rows, column)) {
    const methods = [...new Set(rows.map((r) => r.judges[column]?.method).filter((m): m is NonNullable<typeof m> => m !== undefined))].sort();
    return [{ column, ...at, methods, groups: aggregateGroups(metricObservations(rows, column), seed) }];
  }
  const labels = [...new Set(rows.map((r) => r.judges[column]?.value).filter((v): v is string => typeof v === 'string'))].sort();
  return labels.map((label) => ({ column, label, ...at, groups: aggregateGroups(metricObservations(rows, column, label), seed) }));
}

/** One metric (a column, or a label's share in it), pooled or per question, whether or not any row has the label. */
export function summarizeMetric(rows: readonly ResultRow[], column: string, label: string | undefined, options: { byQuestion?: boolean; seed?: number | string } = {}): MetricSummary[] {
  const seed = options.seed ?? 0;
  const own = rows.filter((r) => column in r.judges);
  const one = (subset: readonly ResultRow[], question?: string): MetricSummary => ({
    column,
    ...(label !== undefined ? { label } : {}),
    ...(question !== undefined ? { question } : {}),
    groups: aggregateGroups(metricObservations(subset, column, label), seed),
  });
  if (!options.byQuestion) return own.length ? [one(own)] : [];
  return [...new Set(own.map((r) => r.question))].map((q) => one(own.filter((r) => r.question === q), q));
}

/** Rows of one summary: those of its question, when it has one. */
export function rowsOf(rows: readonly ResultRow[], summary: MetricSummary): ResultRow[] {
  return rows.filter((r) => summary.column in r.judges && (summary.question === undefined || r.question === summary.question));
}

export function summarizeRows(rows: readonly ResultRow[], options: { byQuestion?: boolean; seed?: number | string } = {}): MetricSummary[] {
  const seed = options.seed ?? 0;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.judges)))];
  if (!options.byQuestion) return columns.flatMap((c) => summarizeColumn(rows.filter((r) => c in r.judges), c, seed));
  const questions = [...new Set(rows.map((r) => r.question))];
  return columns.flatMap((c) => questions.flatMap((q) => summarizeColumn(rows.filter((r) => r.question === q && c in r.judges), c, seed, q)));
}
