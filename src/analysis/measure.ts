// A declared metric measured per group, with the fate of every planned row beside the number:
// the denominator it used, and the shares of unparsed, refused and unanswered rows.
import type { ExcludableVerdict, MetricSpec } from '../experiments/index.js';
import { conditionOf, type ResultRow } from '../eval/index.js';
import { aggregateGroups, type GroupStat } from './aggregate.js';
import { splitCells, type CellKey, type Dimension } from './cells.js';
import { excludedBy, observe } from './observe.js';
import { emptyCounts, sharesOf, tally, warningOf, type VerdictCounts, type VerdictShares } from './verdicts.js';

/**
 * A group's mean and CI (`n`: the values the bootstrap resampled, models or answers as `over`
 * says) and what happened to each of its rows: `verdicts.counted` is the denominator.
 */
export interface GroupMeasure extends GroupStat {
  verdicts: VerdictCounts;
  shares: VerdictShares;
  /** Verdicts left out of the denominator (the others count as answers without the label). */
  excluded: readonly ExcludableVerdict[];
  /** Set when unparsed plus refused verdicts exceed 5% of the answered rows. */
  warning?: string;
}

/** A declared metric measured in one cell (condition, question or paraphrase), per group. */
export interface MetricCell extends CellKey {
  metric: MetricSpec;
  /** The prompt as the model saw it, in per-paraphrase cells. */
  paraphrase?: string;
  /** Rating metrics: how ratings were obtained (logprobs, or sampled numbers). */
  methods?: string[];
  groups: GroupMeasure[];
}

export interface MeasureOptions {
  /** Dimensions besides the group; the trigger condition is one whenever the rows have conditions. */
  by?: readonly Dimension[];
  seed?: number | string;
}

/** The rows a metric is planned over: those with its column, of its questions and condition. */
export function metricRows(rows: readonly ResultRow[], metric: MetricSpec): ResultRow[] {
  return rows.filter((r) => {
    if (!(metric.column in r.judges)) return false;
    const { question, condition } = conditionOf(r.question);
    return (metric.questions === undefined || metric.questions.includes(question)) && (metric.condition === undefined || metric.condition === condition);
  });
}

/** Per model, then per group (seeded bootstrap), over rows already restricted to one cell. */
export function measureGroups(rows: readonly ResultRow[], metric: MetricSpec, seed: number | string = 0): GroupMeasure[] {
  const observed = rows.map((r) => ({ row: r, ...observe(r, metric) }));
  const counts = new Map<string, VerdictCounts>();
  for (const o of observed) {
    const c = counts.get(o.row.group) ?? emptyCounts();
    counts.set(o.row.group, c);
    tally(c, o.verdict, o.value !== null);
  }
  const excluded = excludedBy(metric);
  return aggregateGroups(observed.map((o) => ({ group: o.row.group, model: o.row.model, value: o.value })), seed).map((stat) => {
    const verdicts = counts.get(stat.group)!;
    const warning = warningOf(verdicts);
    return { ...stat, verdicts, shares: sharesOf(verdicts), excluded, ...(warning !== undefined ? { warning } : {}) };
  });
}

function methodsOf(rows: readonly ResultRow[], column: string): string[] {
  return [...new Set(rows.map((r) => r.judges[column]?.method).filter((m): m is NonNullable<typeof m> => m !== undefined))].sort();
}

/** One cell per (question, paraphrase, condition) asked for; never pools trigger conditions. */
export function measure(rows: readonly ResultRow[], metric: MetricSpec, options: MeasureOptions = {}): MetricCell[] {
  return splitCells(metricRows(rows, metric), options.by).map(({ rows: own, ...key }) => ({
    metric,
    ...key,
    ...(metric.labels === undefined ? { methods: methodsOf(own, metric.column) } : {}),
    groups: measureGroups(own, metric, options.seed ?? 0),
  }));
}
