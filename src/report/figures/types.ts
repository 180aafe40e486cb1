// The plain data every figure builder takes: numbers already aggregated by our seeded bootstrap.
import type { TopLevelSpec } from 'vega-lite';

/** What a confidence interval resampled: model means, individual answers, or seeds. */
export type Over = 'models' | 'samples' | 'seeds';

/** What became of the answers behind a value: its denominator and the shares left out of it. */
export interface Verdicts {
  /** Answers counted: the denominator. */
  counted: number;
  /** Shares of the answered rows whose verdict was unparsed, or a refusal. */
  unparsed: number;
  refusal: number;
  /** Share of the planned rows with no answer (failed or unasked calls). */
  noAnswer: number;
  /** Verdicts left out of the denominator (the others were counted as answers without the label). */
  excluded?: string[];
  /** Set when unparsed plus refused answers are more than 5% of the answered rows. */
  warning?: string;
}

/** A mean with its confidence interval, as src/analysis produces it. */
export interface Estimate {
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** How many values the mean is over (models, samples or seeds, as `over` says). */
  n: number;
  over: Over;
  verdicts?: Verdicts;
}

/** How a figure shows its y (or x) metric. */
export interface Metric {
  /** Axis title, e.g. "Ratio of 19th-century answers". */
  title: string;
  /** Fixed axis range; ratios default to [0, 1] where a builder says so. */
  domain?: [number, number];
  /** d3 number format of the axis labels, e.g. ".0%". */
  format?: string;
}

/** Common to every figure: its title, an optional note, and the confidence level of its bars. */
export interface FigureBase {
  title: string;
  /** A line under the title, before the statement about error bars. */
  note?: string;
  /** Confidence level of the intervals; 0.95 unless told. */
  confidence?: number;
  /** Order (and so colors) of the groups; groups not listed follow in order of appearance. */
  groups?: string[];
}

/** One row of the table behind a figure. */
export interface StatRow {
  metric: string;
  group: string;
  /** What the value is at: a question, a condition, a year, a category, a step. */
  at: string | null;
  mean: number;
  ciLow: number | null;
  ciHigh: number | null;
  n: number | null;
  over: Over | null;
  verdicts?: Verdicts;
}

/** A built figure: the Vega-Lite spec, the statement about its error bars, and its table. */
export interface BuiltFigure {
  spec: TopLevelSpec;
  /** The figure's title. */
  title: string;
  /** What the bars mean and what they resample: the spec's subtitle already shows it (after the note), so a page need not repeat it. */
  caption: string;
  table: StatRow[];
}
