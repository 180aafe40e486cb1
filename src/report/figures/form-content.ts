// Form-vs-content scatter (paper Figs. 19-20): one point per model, (model, question) or sample,
// colored by group, optional CIs on both axes and the x = y line.
import type { TopLevelSpec } from 'vega-lite';
import { ciCaption, colorsFor, FIGURE_CONFIG, finite, ordered, subtitle, wrap, type Layers } from './theme.js';
import type { BuiltFigure, Estimate, FigureBase, Metric, StatRow } from './types.js';

export interface ScatterPoint {
  /** A model id, "model / question", or a sample id. */
  label: string;
  group: string;
  /** A bare number, or a mean with its CI (drawn as an error bar). */
  x: number | Estimate;
  y: number | Estimate;
}

export interface FormContentData extends FigureBase {
  x: Metric;
  y: Metric;
  /** What one point is, for the caption: "model", "(model, question)", "sample". */
  pointsAre: string;
  points: ScatterPoint[];
  /** Draw x = y (default true). */
  diagonal?: boolean;
}

const est = (v: number | Estimate): Estimate | undefined => (typeof v === 'number' ? undefined : v);
const val = (v: number | Estimate): number => (typeof v === 'number' ? v : v.mean);

function caption(d: FormContentData): string {
  const stats = d.points.flatMap((p) => [est(p.x), est(p.y)].filter((s): s is Estimate => s !== undefined).map((stat) => ({ series: p.group, stat })));
  return `One point per ${d.pointsAre}. ${stats.length ? ciCaption(stats, d.confidence) : 'No error bars'}`;
}

function extent(d: FormContentData): [number, number] {
  if (d.x.domain && d.y.domain) return [Math.min(d.x.domain[0], d.y.domain[0]), Math.max(d.x.domain[1], d.y.domain[1])];
  const all = d.points.flatMap((p) => [val(p.x), val(p.y)]).filter(Number.isFinite);
  return all.length ? [Math.min(...all), Math.max(...all)] : [0, 1];
}

/** The plot's side, in pixels. */
const SIZE = 320;

export function formContentFigure(d: FormContentData): BuiltFigure {
  const groups = ordered(d.groups, d.points.map((p) => p.group));
  const color = { field: 'group', type: 'nominal' as const, title: 'Group', scale: { domain: groups, range: colorsFor(groups) } };
  const values = d.points.map((p) => ({
    label: p.label,
    group: p.group,
    x: finite(val(p.x)),
    y: finite(val(p.y)),
    xLow: finite(est(p.x)?.ciLow ?? Number.NaN),
    xHigh: finite(est(p.x)?.ciHigh ?? Number.NaN),
    yLow: finite(est(p.y)?.ciLow ?? Number.NaN),
    yHigh: finite(est(p.y)?.ciHigh ?? Number.NaN),
  }));
  const xEnc = { type: 'quantitative' as const, title: wrap(d.x.title, Math.floor(SIZE / 7)), scale: d.x.domain ? { domain: d.x.domain } : { zero: false }, axis: d.x.format ? { format: d.x.format } : {} };
  const yEnc = { type: 'quantitative' as const, title: wrap(d.y.title, Math.floor(SIZE / 9)), scale: d.y.domain ? { domain: d.y.domain } : { zero: false }, axis: d.y.format ? { format: d.y.format } : {} };
  const [lo, hi] = extent(d);
  const layer: Layers = [];
  if (d.diagonal ?? true)
    layer.push({
      data: { values: [{ x: lo, y: lo }, { x: hi, y: hi }] },
      mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
      encoding: { x: { field: 'x', ...xEnc }, y: { field: 'y', ...yEnc } },
    });
  if (values.some((v) => v.xLow !== null))
    layer.push({ mark: { type: 'rule', opacity: 0.7 }, encoding: { x: { field: 'xLow', ...xEnc }, x2: { field: 'xHigh' }, y: { field: 'y', ...yEnc }, color } });
  if (values.some((v) => v.yLow !== null))
    layer.push({ mark: { type: 'rule', opacity: 0.7 }, encoding: { y: { field: 'yLow', ...yEnc }, y2: { field: 'yHigh' }, x: { field: 'x', ...xEnc }, color } });
  layer.push({ mark: { type: 'point', filled: true, size: 50, opacity: 0.85 }, encoding: { x: { field: 'x', ...xEnc }, y: { field: 'y', ...yEnc }, color } });
  const c = caption(d);
  const spec: TopLevelSpec = {
    title: { text: wrap(d.title, Math.max(48, Math.floor(SIZE / 8.5))), subtitle: subtitle(d, c) },
    config: FIGURE_CONFIG,
    width: SIZE,
    height: SIZE,
    data: { values },
    layer,
  };
  const table: StatRow[] = d.points.flatMap((p) =>
    ([['x', d.x.title, p.x], ['y', d.y.title, p.y]] as const).map(([, metric, v]) => {
      const s = est(v);
      return { metric, group: p.group, at: p.label, mean: val(v), ciLow: s?.ciLow ?? null, ciHigh: s?.ciHigh ?? null, n: s?.n ?? null, over: s?.over ?? null, ...(s?.verdicts ? { verdicts: s.verdicts } : {}) };
    }),
  );
  return { spec, title: d.title, caption: c, table };
}
