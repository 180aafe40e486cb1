// Bars with precomputed error bars: categories on x, series side by side (colored), optional
// facet columns. The shape behind per-question, pooled, with/without-trigger and speaker figures.
import type { TopLevelSpec } from 'vega-lite';
import { textWidth } from './text-width.js';
import { AXIS_LABEL_PX, colorsFor, FIGURE_CONFIG, finite, ordered, wrap } from './theme.js';
import type { Estimate, Metric, StatRow } from './types.js';

export interface BarCell {
  x: string;
  series: string;
  facet?: string;
  stat: Estimate;
}

export interface GroupedBarsOptions {
  title: string;
  subtitle: string[];
  metric: Metric;
  xTitle: string | null;
  seriesTitle: string;
  facetTitle?: string | null;
  xOrder?: readonly string[];
  seriesOrder?: readonly string[];
  facetOrder?: readonly string[];
  cells: readonly BarCell[];
  /** false: one bar per x (x and series coincide, as in pooled per-group bars). */
  sideBySide?: boolean;
}

/** As wide as the subtitle's wrapped lines, so that the chart fills its figure instead of leaving a margin beside it. */
const MIN_WIDTH = 520;
const HEIGHT = 260;

export function groupedBarsSpec(o: GroupedBarsOptions): TopLevelSpec {
  const xDomain = ordered(o.xOrder, o.cells.map((c) => c.x));
  const seriesDomain = ordered(o.seriesOrder, o.cells.map((c) => c.series));
  const faceted = o.cells.some((c) => c.facet !== undefined);
  const values = o.cells.map((c) => ({
    x: c.x,
    series: c.series,
    facet: c.facet ?? '',
    mean: finite(c.stat.mean),
    ciLow: finite(c.stat.ciLow),
    ciHigh: finite(c.stat.ciHigh),
    n: c.stat.n,
    over: c.stat.over,
  }));
  const yScale = o.metric.domain ? { domain: o.metric.domain, clamp: true } : { zero: true };
  const yAxis = { titleLimit: HEIGHT, ...(o.metric.format ? { format: o.metric.format } : {}) };
  const sideBySide = o.sideBySide ?? true;
  const natural = xDomain.length * (sideBySide ? seriesDomain.length * 18 + 14 : 64);
  const width = faceted ? natural : Math.max(MIN_WIDTH, natural);
  const longLabels = xDomain.some((x) => textWidth(x, AXIS_LABEL_PX) > width / Math.max(1, xDomain.length) - 6);
  // A long axis title runs past the plot and pads the figure: it is wrapped to the plot's height.
  const yTitle = wrap(o.metric.title, Math.floor(HEIGHT / 9));
  const inner = {
    width: faceted ? (sideBySide ? { step: 18, for: 'offset' as const } : { step: 48 }) : width,
    height: HEIGHT,
    encoding: {
      x: {
        field: 'x',
        type: 'nominal' as const,
        sort: xDomain,
        title: o.xTitle,
        axis: { labelAngle: longLabels ? -35 : 0 },
      },
      ...(sideBySide ? { xOffset: { field: 'series', type: 'nominal' as const, sort: seriesDomain } } : {}),
      color: {
        field: 'series',
        type: 'nominal' as const,
        scale: { domain: seriesDomain, range: colorsFor(seriesDomain) },
        title: o.seriesTitle,
        // Pooled bars name their group on the x axis already.
        ...(sideBySide ? {} : { legend: null }),
      },
    },
    layer: [
      {
        mark: { type: 'bar' as const },
        encoding: { y: { field: 'mean', type: 'quantitative' as const, title: yTitle, scale: yScale, axis: yAxis } },
      },
      {
        mark: { type: 'errorbar' as const, ticks: { size: 6 } },
        encoding: {
          y: { field: 'ciLow', type: 'quantitative' as const, title: yTitle },
          y2: { field: 'ciHigh' },
          color: { value: '#222' },
        },
      },
    ],
  };
  const head = { title: { text: wrap(o.title, Math.max(60, Math.floor(width / 8.5))), subtitle: o.subtitle }, config: FIGURE_CONFIG, data: { values } };
  if (!faceted) return { ...head, ...inner };
  const facetDomain = ordered(o.facetOrder, o.cells.map((c) => c.facet ?? ''));
  return { ...head, facet: { column: { field: 'facet', type: 'nominal', sort: facetDomain, title: o.facetTitle ?? null } }, spec: inner };
}

export function statRow(metric: string, group: string, at: string | null, stat: Estimate): StatRow {
  return { metric, group, at, mean: stat.mean, ciLow: stat.ciLow, ciHigh: stat.ciHigh, n: stat.n, over: stat.over, ...(stat.verdicts ? { verdicts: stat.verdicts } : {}) };
}
