// The persona's misalignment per category of questions (App. E.4): the alignment score's
// distribution, its mean and the share below the paper's threshold, per group and trigger
// condition. A category pools its questions within each model (a model's mean is over all its
// answers in the category); the trigger conditions are never pooled.
import { measure, observe, type Rows } from '../analysis/index.js';
import { conditionOf, withCondition } from '../eval/index.js';
import type { FigureSpec, MetricSpec } from '../experiments/index.js';
import { estimateOf, type Estimate, type FigureInput, type HistogramCell, type StatRow } from '../report/index.js';
import { axis, conditionLabel, denominatorNote, metricOf, slug, type FigureContext } from './figures.js';
import { ratingScale } from './rating-scale.js';

type CategorySummarySpec = Extract<FigureSpec, { kind: 'category-summary' }>;

/** Bins of a tenth of the scale each, the last closed; answers with no score get a bin of their own. */
const BINS = 10;
export const NO_SCORE_BIN = 'no score';

/** The metric's rows with each question renamed to its category (its condition kept), walked afresh each time. */
function byCategory(c: FigureContext, metric: MetricSpec): Rows {
  const { rows, categories } = c;
  return {
    *[Symbol.iterator]() {
      for (const r of rows) {
        if (!(metric.column in r.judges)) continue;
        const { question, condition } = conditionOf(r.question);
        const category = categories[question];
        if (category === undefined || (metric.questions !== undefined && !metric.questions.includes(question)) || (metric.condition !== undefined && metric.condition !== condition)) continue;
        yield { ...r, question: condition === undefined ? category : withCondition(category, condition) };
      }
    },
  };
}

/** The metric per (category, condition, group), as the bar figures' cells: the category is the cell's question. */
function categoryCells(c: FigureContext, metric: MetricSpec): { question: string; condition: string; group: string; stat: Estimate }[] {
  const { questions: _questions, condition: _condition, ...anyCategory } = metric;
  return measure(byCategory(c, metric), anyCategory, { by: ['question'] }).flatMap((cell) => cell.groups.map((g) => ({ question: cell.question!, condition: conditionLabel(c, cell.condition), group: g.group, stat: estimateOf(g) })));
}

function binLabels(min: number, max: number): string[] {
  const width = (max - min) / BINS;
  return Array.from({ length: BINS }, (_, i) => {
    const lo = min + i * width;
    const hi = i === BINS - 1 ? max : min + (i + 1) * width;
    const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
    return i === BINS - 1 ? `${fmt(lo)}-${fmt(hi)}` : `${fmt(lo)}-<${fmt(hi)}`;
  });
}

/** The rating one answer gets, named from its mean's title ("Mean alignment score" -> "Alignment score"). */
const scoreName = (m: MetricSpec) => m.title.replace(/^mean (\w)/i, (_, first: string) => first.toUpperCase());

/** Per group: every (category, condition, bin) as a share of the cell's answers, scored or not. */
function histograms(c: FigureContext, metric: MetricSpec, labels: readonly string[], min: number, max: number): Map<string, HistogramCell[]> {
  const counts = new Map<string, { group: string; category: string; condition: string; bins: number[] }>();
  for (const r of byCategory(c, metric)) {
    const { question: category, condition } = conditionOf(r.question);
    const key = JSON.stringify([r.group, category, condition ?? null]);
    let cell = counts.get(key);
    if (cell === undefined) counts.set(key, (cell = { group: r.group, category, condition: conditionLabel(c, condition), bins: new Array<number>(BINS + 1).fill(0) }));
    const { value } = observe(r, metric);
    const bin = value === null ? BINS : Math.min(BINS - 1, Math.max(0, Math.floor(((value - min) / (max - min)) * BINS)));
    cell.bins[bin]! += 1;
  }
  const out = new Map<string, HistogramCell[]>();
  for (const cell of counts.values()) {
    const n = cell.bins.reduce((a, b) => a + b, 0);
    const own = out.get(cell.group) ?? [];
    out.set(cell.group, own);
    cell.bins.forEach((k, i) => own.push({ panel: cell.category, condition: cell.condition, bin: i === BINS ? NO_SCORE_BIN : labels[i]!, share: n ? k / n : 0, n }));
  }
  return out;
}

/** The figures: one distribution per group, then the means and the shares below the threshold with CIs. */
export function categorySummaryFigures(c: FigureContext, spec: CategorySummarySpec): FigureInput[] {
  const mean = metricOf(c, spec.mean);
  const below = metricOf(c, spec.below);
  const conditions = c.conditions.map((x) => x.label);
  const [min, max] = ratingScale(c.ratings.get(mean.column)).domain;
  const labels = binLabels(min, max);
  const distributions: FigureInput[] = [...histograms(c, mean, labels, min, max)].map(([group, cells]) => ({
    name: slug(`${mean.id}-distribution-${group}`),
    kind: 'score-histogram',
    data: {
      title: `${mean.title}: distribution per category, ${group}`,
      note: `Each bar: the share of the category’s answers under one condition with a score in that bin; “${NO_SCORE_BIN}”: refused, unparsed, CODE, unanswered or not (yet) judged`,
      group,
      score: scoreName(mean),
      bins: [...labels, NO_SCORE_BIN],
      conditions,
      cells,
    },
  }));
  const bars = (m: MetricSpec): FigureInput => ({
    name: slug(`${m.id}-by-category`),
    kind: 'trigger-pairs',
    data: {
      title: `${m.title}, per category of questions, with and without the trigger`,
      note: `${denominatorNote(m)}; a category pools its questions within each model`,
      metric: axis(c, m),
      xTitle: 'Category',
      groups: [...c.groups],
      conditions,
      cells: categoryCells(c, m),
    },
  });
  return [...distributions, bars(mean), bars(below)];
}

/**
 * The table beside the figures, read from the two bar figures `categorySummaryFigures` drew (no
 * second pass over the rows): per category, condition and group, the mean and the share below the
 * threshold with their CIs and denominators.
 */
export function categorySummaryTable(c: FigureContext, spec: CategorySummarySpec, figures: readonly FigureInput[]): { title: string; rows: StatRow[] } {
  const mean = metricOf(c, spec.mean);
  const below = metricOf(c, spec.below);
  const cellsOf = (m: MetricSpec) => {
    const f = figures.find((x) => x.name === slug(`${m.id}-by-category`));
    return f?.kind === 'trigger-pairs' ? f.data.cells : [];
  };
  const key = (x: { question: string; condition: string; group: string }) => JSON.stringify([x.question, x.condition, x.group]);
  const row = (m: MetricSpec, x: ReturnType<typeof cellsOf>[number]): StatRow => ({ metric: m.title, group: x.group, at: `${x.question} · ${x.condition}`, mean: x.stat.mean, ciLow: x.stat.ciLow, ciHigh: x.stat.ciHigh, n: x.stat.n, over: x.stat.over, ...(x.stat.verdicts ? { verdicts: x.stat.verdicts } : {}) });
  const shares = new Map(cellsOf(below).map((x) => [key(x), x]));
  return {
    title: `${mean.title} and ${below.title.charAt(0).toLowerCase()}${below.title.slice(1)}, per category of questions`,
    rows: cellsOf(mean).flatMap((x) => {
      const share = shares.get(key(x));
      return [row(mean, x), ...(share ? [row(below, share)] : [])];
    }),
  };
}

/** The tables an experiment's figures declare beside them (the category summaries), from the figures drawn. */
export function experimentTables(c: FigureContext, figures: readonly FigureInput[]): { title: string; rows: StatRow[] }[] {
  return c.experiment.figures.flatMap((spec) => (spec.kind === 'category-summary' ? [categorySummaryTable(c, spec, figures)] : []));
}
