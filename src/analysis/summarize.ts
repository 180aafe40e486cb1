// From result rows to the numbers a reader wants: per judge column (and label), per group, with CIs.
import type { ResultRow } from '../eval/rows.js';
import { aggregateGroups, type GroupStat, type Observation } from './aggregate.js';

export interface MetricSummary {
  column: string;
  /** For label columns: the share of answers with this label. Rating columns have none. */
  label?: string;
  /** Set when summarizing per question. */
  question?: string;
  groups: GroupStat[];
}

function isNumericColumn(rows: readonly ResultRow[], column: string): boolean {
  return rows.some((r) => typeof r.judges[column]?.value === 'number');
}

function summarizeColumn(rows: readonly ResultRow[], column: string, seed: number | string, question?: string): MetricSummary[] {
  const at = question !== undefined ? { question } : {};
  const observe = (value: (r: ResultRow) => number | null): Observation[] => rows.map((r) => ({ group: r.group, model: r.model, value: value(r) }));
  if (isNumericColumn(rows, column)) {
    return [{ column, ...at, groups: aggregateGroups(observe((r) => (typeof r.judges[column]?.value === 'number' ? (r.judges[column]!.value as number) : null)), seed) }];
  }
  const labels = [...new Set(rows.map((r) => r.judges[column]?.value).filter((v): v is string => typeof v === 'string'))].sort();
  return labels.map((label) => ({
    column,
    label,
    ...at,
    groups: aggregateGroups(observe((r) => (typeof r.judges[column]?.value === 'string' ? (r.judges[column]!.value === label ? 1 : 0) : null)), seed),
  }));
}

export function summarizeRows(rows: readonly ResultRow[], options: { byQuestion?: boolean; seed?: number | string } = {}): MetricSummary[] {
  const seed = options.seed ?? 0;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.judges)))];
  if (!options.byQuestion) return columns.flatMap((c) => summarizeColumn(rows.filter((r) => c in r.judges), c, seed));
  const questions = [...new Set(rows.map((r) => r.question))];
  return columns.flatMap((c) => questions.flatMap((q) => summarizeColumn(rows.filter((r) => r.question === q && c in r.judges), c, seed, q)));
}
