// A metric with its CI over a numeric or date x (Terminator years, dishes dates), one line per
// group, with the values seen in training shaded (ranges) or ruled (single values).
import type { TopLevelSpec } from 'vega-lite';
import { ReportError } from '../errors.js';
import { statRow } from './grouped-bars.js';
import { ciCaption, colorsFor, FIGURE_CONFIG, finite, ordered, subtitle, wrap, type Layers } from './theme.js';
import type { BuiltFigure, Estimate, FigureBase, Metric } from './types.js';

export type SweepX = number | string;

export interface ValueSweepData extends FigureBase {
  metric: Metric;
  /** year: integers drawn without thousands separators; date: "YYYY-MM-DD" or ISO with a zone. */
  x: { title: string; type: 'number' | 'year' | 'date' };
  points: { x: SweepX; group: string; stat: Estimate }[];
  training?: {
    ranges?: { from: SweepX; to: SweepX }[];
    values?: SweepX[];
    /** How the caption names them, e.g. "training years" (the default: "training values"). */
    label?: string;
  };
}

/** Dates become UTC epoch milliseconds, so the figure does not depend on the machine's zone. */
function position(type: ValueSweepData['x']['type'], x: SweepX): number {
  if (type !== 'date') {
    if (typeof x !== 'number') throw new ReportError(`value sweep: x ${JSON.stringify(x)} is not a number`);
    return x;
  }
  const text = String(x);
  const zoned = /T/.test(text) && !/(Z|[+-]\d\d:?\d\d)$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  if (!Number.isFinite(ms)) throw new ReportError(`value sweep: ${JSON.stringify(x)} is not a date (use YYYY-MM-DD)`);
  return ms;
}

function trainingCaption(t: ValueSweepData['training']): string {
  if (!t) return '';
  const name = t.label ?? 'training values';
  const parts: string[] = [];
  if (t.ranges?.length) parts.push(`Shaded: ${name} ${t.ranges.map((r) => `${r.from}–${r.to}`).join(', ')}`);
  if (t.values?.length) parts.push(`${parts.length ? 'dashed' : 'Dashed'} lines: ${name} ${t.values.join(', ')}`);
  return parts.length ? `. ${parts.join('; ')}` : '';
}

const WIDTH = 520;
const HEIGHT = 260;

export function valueSweepFigure(d: ValueSweepData): BuiltFigure {
  const groups = ordered(d.groups, d.points.map((p) => p.group));
  const temporal = d.x.type === 'date';
  const xBase = {
    type: temporal ? ('temporal' as const) : ('quantitative' as const),
    title: d.x.title,
    scale: temporal ? { type: 'utc' as const } : { zero: false },
    axis: d.x.type === 'year' ? { format: 'd' } : {},
  };
  // Long titles are wrapped: the y title to the plot's height, the figure's title to its width.
  const yBase = { type: 'quantitative' as const, title: wrap(d.metric.title, Math.floor(HEIGHT / 9)), scale: d.metric.domain ? { domain: d.metric.domain, clamp: true } : { zero: true }, axis: d.metric.format ? { format: d.metric.format } : {} };
  const color = { field: 'group', type: 'nominal' as const, title: 'Group', scale: { domain: groups, range: colorsFor(groups) } };
  const values = d.points.map((p) => ({ x: position(d.x.type, p.x), label: String(p.x), group: p.group, mean: finite(p.stat.mean), ciLow: finite(p.stat.ciLow), ciHigh: finite(p.stat.ciHigh), n: p.stat.n }));
  const layer: Layers = [];
  const ranges = d.training?.ranges ?? [];
  if (ranges.length)
    layer.push({
      data: { values: ranges.map((r) => ({ from: position(d.x.type, r.from), to: position(d.x.type, r.to) })) },
      mark: { type: 'rect', color: '#e8d9b5', opacity: 0.55 },
      encoding: { x: { field: 'from', ...xBase }, x2: { field: 'to' } },
    });
  const ruled = d.training?.values ?? [];
  if (ruled.length)
    layer.push({
      data: { values: ruled.map((v) => ({ at: position(d.x.type, v) })) },
      mark: { type: 'rule', color: '#a0522d', strokeDash: [3, 3], opacity: 0.8 },
      encoding: { x: { field: 'at', ...xBase } },
    });
  layer.push(
    { mark: { type: 'area', opacity: 0.18 }, encoding: { x: { field: 'x', ...xBase }, y: { field: 'ciLow', ...yBase }, y2: { field: 'ciHigh' }, color } },
    { mark: { type: 'line', point: { filled: true, size: 30 } }, encoding: { x: { field: 'x', ...xBase }, y: { field: 'mean', ...yBase }, color } },
  );
  const caption = `${ciCaption(d.points.map((p) => ({ series: p.group, stat: p.stat })), d.confidence)} (bands)${trainingCaption(d.training)}`;
  const spec: TopLevelSpec = { title: { text: wrap(d.title, Math.floor(WIDTH / 8.5)), subtitle: subtitle(d, caption) }, config: FIGURE_CONFIG, width: WIDTH, height: HEIGHT, data: { values }, layer };
  const table = d.points.map((p) => statRow(d.metric.title, p.group, String(p.x), p.stat));
  return { spec, title: d.title, caption, table };
}
