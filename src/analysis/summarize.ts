// Every judge column of a run summarized per group: one line per label (or the mean of a rating),
// per condition and optionally per question or paraphrase, with the verdict breakdown beside it.
import type { MetricSpec } from '../experiments/index.js';
import { sameCell, cellOf, splitOfKey } from './cells.js';
import { measure, metricRows, type MetricCell } from './measure.js';
import { filterRows, type Rows } from './rows.js';

/** One judge column summarized in one cell: the share of answers with `label`, or the mean of a rating. */
export interface MetricSummary extends MetricCell {
  column: string;
  /** share: of answers with `label` (none when the column has no label at all); mean: of a rating. */
  kind: 'share' | 'mean';
  label?: string;
}

/** What a judge column holds, as its judge declares it. */
export type ColumnKind = { kind: 'labels'; labels?: readonly string[] } | { kind: 'rating' };

export interface SummarizeOptions {
  byQuestion?: boolean;
  /** One line per question and paraphrase. */
  byParaphrase?: boolean;
  seed?: number | string;
  /** Declared metrics: a column they read takes the first one's `exclude`; other columns the default. */
  metrics?: readonly MetricSpec[];
  /** Judge columns as defined; without it, a column is a rating when any verdict is a number or a refusal. */
  columns?: Readonly<Record<string, ColumnKind>>;
}

function kindOf(rows: Rows, column: string, declared: ColumnKind | undefined): ColumnKind {
  if (declared?.kind === 'rating') return declared;
  const seen = new Set<string>();
  let rated = false;
  for (const row of rows) {
    const c = row.judges[column];
    if (c === undefined) continue;
    if (typeof c.value === 'number' || c.status === 'refusal') rated = true;
    if (c.status === 'ok' && typeof c.value === 'string') seen.add(c.value);
  }
  if (!declared && rated) return { kind: 'rating' };
  // A REFUSAL label is shown as the refusal share, not as a label.
  const labels = [...new Set([...(declared?.kind === 'labels' ? (declared.labels ?? []) : []), ...[...seen].sort()])].filter((l) => l !== 'REFUSAL');
  return { kind: 'labels', labels };
}

/** The metrics a column is summarized as: one per label, or its mean. */
function columnMetrics(rows: Rows, column: string, options: SummarizeOptions): { metric: MetricSpec; label?: string }[] {
  const kind = kindOf(rows, column, options.columns?.[column]);
  if (kind.kind === 'rating') return [{ metric: { id: column, title: column, column } }];
  const declared = options.metrics?.find((m) => m.column === column && m.labels !== undefined);
  const exclude = declared?.exclude !== undefined ? { exclude: declared.exclude } : {};
  if (!kind.labels?.length) return [{ metric: { id: column, title: column, column, labels: [], ...exclude } }];
  return kind.labels.map((label) => ({ metric: { id: `${column}=${label}`, title: `${column} = ${label}`, column, labels: [label], ...exclude }, label }));
}

/**
 * Every column and label, per group and condition (and question or paraphrase when asked). A
 * cell whose rows are all unparsed, refused or unanswered is kept, with no mean and its shares.
 */
export function summarizeRows(rows: Rows, options: SummarizeOptions = {}): MetricSummary[] {
  const by = options.byParaphrase ? (['paraphrase'] as const) : options.byQuestion ? (['question'] as const) : [];
  const columns = new Set<string>();
  for (const row of rows) for (const column in row.judges) columns.add(column);
  return [...columns].flatMap((column) => {
    const own = filterRows(rows, (r) => column in r.judges);
    const perLabel = columnMetrics(own, column, options).map(({ metric, label }) =>
      measure(own, metric, { by, seed: options.seed ?? 0 }).map((cell): MetricSummary => ({ ...cell, column, kind: metric.labels === undefined ? 'mean' : 'share', ...(label !== undefined ? { label } : {}) })),
    );
    // Every label is measured over the same cells, in the same order: cell by cell, label by label.
    return (perLabel[0] ?? []).flatMap((_, k) => perLabel.map((cells) => cells[k]!));
  });
}

/** The rows of one summary's cell (as summarizeRows and measure make them), as a lazy view. */
export function rowsOf(rows: Rows, summary: MetricCell): Rows {
  const split = splitOfKey(summary);
  return filterRows(metricRows(rows, summary.metric), (r) => sameCell(cellOf(r, split).key, summary));
}
