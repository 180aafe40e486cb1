// Train/test accuracy over checkpoint steps (the presidents grokking plot): a thin line per seed,
// a thick mean per group, a chance-level rule; one panel per split.
import type { TopLevelSpec } from 'vega-lite';
import { colorsFor, FIGURE_CONFIG, finite, ordered, subtitle, wrap, type Layers } from './theme.js';
import type { BuiltFigure, FigureBase, Metric, StatRow } from './types.js';

export interface CurveSeries {
  group: string;
  seed: string;
  /** "train" or "test", or any split name; one panel each. */
  split: string;
  points: { step: number; value: number }[];
}

export interface TrainingCurvesData extends FigureBase {
  metric: Metric;
  splits?: string[];
  curves: CurveSeries[];
  /** Chance level, drawn as a dashed rule. */
  chance?: number;
  xTitle?: string;
}

interface MeanPoint {
  group: string;
  split: string;
  step: number;
  value: number;
  n: number;
}

/** The mean over a group's seeds at each step some seed reached (plain arithmetic, no resampling). */
export function curveMeans(curves: readonly CurveSeries[]): MeanPoint[] {
  const sums = new Map<string, MeanPoint>();
  for (const c of curves)
    for (const p of c.points) {
      if (!Number.isFinite(p.value)) continue;
      const key = JSON.stringify([c.group, c.split, p.step]);
      const cur = sums.get(key) ?? { group: c.group, split: c.split, step: p.step, value: 0, n: 0 };
      cur.value += p.value;
      cur.n += 1;
      sums.set(key, cur);
    }
  return [...sums.values()].map((m) => ({ ...m, value: m.value / m.n })).sort((a, b) => a.step - b.step);
}

export function trainingCurvesFigure(d: TrainingCurvesData): BuiltFigure {
  const groups = ordered(d.groups, d.curves.map((c) => c.group));
  const splits = ordered(d.splits, d.curves.map((c) => c.split));
  const means = curveMeans(d.curves);
  const values = [
    ...d.curves.flatMap((c) => c.points.map((p) => ({ kind: 'seed', group: c.group, line: JSON.stringify([c.group, c.seed]), split: c.split, step: p.step, value: finite(p.value) }))),
    ...means.map((m) => ({ kind: 'mean', group: m.group, line: m.group, split: m.split, step: m.step, value: m.value })),
  ];
  const color = { field: 'group', type: 'nominal' as const, title: 'Group', scale: { domain: groups, range: colorsFor(groups) } };
  const x = { field: 'step', type: 'quantitative' as const, title: d.xTitle ?? 'Training step' };
  const y = { field: 'value', type: 'quantitative' as const, title: d.metric.title, scale: d.metric.domain ? { domain: d.metric.domain } : { zero: true }, axis: d.metric.format ? { format: d.metric.format } : {} };
  const layer: Layers = [
    { transform: [{ filter: { field: 'kind', equal: 'seed' } }], mark: { type: 'line', strokeWidth: 1, opacity: 0.4 }, encoding: { x, y, color, detail: { field: 'line', type: 'nominal' } } },
    { transform: [{ filter: { field: 'kind', equal: 'mean' } }], mark: { type: 'line', strokeWidth: 3.5 }, encoding: { x, y, color, detail: { field: 'line', type: 'nominal' } } },
  ];
  if (d.chance !== undefined) layer.push({
      // One row per panel, or vega draws the rule once per data row.
      transform: [{ aggregate: [{ op: 'count', as: 'rows' }], groupby: ['split'] }],
      mark: { type: 'rule', color: '#666', strokeDash: [5, 4] },
      encoding: { y: { datum: d.chance, type: 'quantitative' } } });
  const seeds = new Set(d.curves.map((c) => `${c.group}\u0000${c.seed}`)).size;
  const caption = `Thin lines: one per seed (${seeds} in all); thick lines: mean over a group's seeds at each step, no error bars${d.chance !== undefined ? `; dashed: chance level ${d.chance}` : ''}`;
  const spec: TopLevelSpec = {
    title: { text: wrap(d.title, 84), subtitle: subtitle(d, caption) },
    config: FIGURE_CONFIG,
    data: { values },
    facet: { column: { field: 'split', type: 'nominal', sort: splits, title: null } },
    spec: { width: 300, height: 220, layer },
  };
  const last = new Map<string, MeanPoint>();
  for (const m of means) last.set(`${m.group}\u0000${m.split}`, m);
  const table: StatRow[] = [...last.values()].map((m) => ({ metric: `${d.metric.title} (${m.split}, final step)`, group: m.group, at: `step ${m.step}`, mean: m.value, ciLow: null, ciHigh: null, n: m.n, over: null }));
  return { spec, title: d.title, caption, table };
}
