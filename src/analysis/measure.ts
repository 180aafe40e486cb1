// A declared metric measured per group, with the fate of every planned row beside the number:
// the denominator it used, and the shares of unparsed, refused and unanswered rows. One pass over
// the rows: a cell keeps counts, sums and values, never rows.
import type { ExcludableVerdict, MetricSpec } from '../experiments/index.js';
import { conditionOf, type ScoredRow } from '../eval/index.js';
import { GroupAccumulator, type GroupStat } from './aggregate.js';
import { cellOf, cellSplit, promptOf, type CellKey, type Dimension } from './cells.js';
import { excludedBy, observe } from './observe.js';
import { filterRows, type Rows } from './rows.js';
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

/** The rows a metric is planned over: those with its column, of its questions and condition (a lazy view). */
export function metricRows(rows: Rows, metric: MetricSpec): Rows {
  return filterRows(rows, (r) => {
    if (!(metric.column in r.judges)) return false;
    const { question, condition } = conditionOf(r.question);
    return (metric.questions === undefined || metric.questions.includes(question)) && (metric.condition === undefined || metric.condition === condition);
  });
}

/** One cell's rows added one at a time: verdict counts and values per group, methods seen. */
class CellTally {
  readonly values = new GroupAccumulator();
  readonly counts = new Map<string, VerdictCounts>();
  readonly methods = new Set<string>();

  constructor(private readonly metric: MetricSpec) {}

  add(row: ScoredRow): void {
    const { verdict, value } = observe(row, this.metric);
    let c = this.counts.get(row.group);
    if (c === undefined) this.counts.set(row.group, (c = emptyCounts()));
    tally(c, verdict, value !== null);
    this.values.add(row.group, row.model, value);
    const method = row.judges[this.metric.column]?.method;
    if (method !== undefined) this.methods.add(method);
  }

  groups(seed: number | string): GroupMeasure[] {
    const excluded = excludedBy(this.metric);
    return this.values.stats(seed).map((stat) => {
      const verdicts = this.counts.get(stat.group)!;
      const warning = warningOf(verdicts);
      return { ...stat, verdicts, shares: sharesOf(verdicts), excluded, ...(warning !== undefined ? { warning } : {}) };
    });
  }
}

/** Per model, then per group (seeded bootstrap), over rows already restricted to one cell. */
export function measureGroups(rows: Rows, metric: MetricSpec, seed: number | string = 0): GroupMeasure[] {
  const cell = new CellTally(metric);
  for (const row of rows) cell.add(row);
  return cell.groups(seed);
}

/** One cell per (question, paraphrase, condition) asked for, in the order of their first rows; never pools trigger conditions. */
export function measure(rows: Rows, metric: MetricSpec, options: MeasureOptions = {}): MetricCell[] {
  const own = metricRows(rows, metric);
  const split = cellSplit(own, options.by);
  const cells = new Map<string, { key: CellKey; paraphrase?: string; tally: CellTally }>();
  for (const row of own) {
    const { id, key } = cellOf(row, split);
    let cell = cells.get(id);
    if (cell === undefined) cells.set(id, (cell = { key, ...(split.byParaphrase ? { paraphrase: promptOf(row) } : {}), tally: new CellTally(metric) }));
    cell.tally.add(row);
  }
  return [...cells.values()].map(({ key, paraphrase, tally: cell }) => ({
    metric,
    ...key,
    ...(paraphrase !== undefined ? { paraphrase } : {}),
    ...(metric.labels === undefined ? { methods: [...cell.methods].sort() } : {}),
    groups: cell.groups(options.seed ?? 0),
  }));
}
