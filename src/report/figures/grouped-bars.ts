// Bars with precomputed error bars: categories on x, series side by side (colored), optional
// facet columns. The shape behind per-question, pooled, with/without-trigger and speaker figures.
import type { TopLevelSpec } from 'vega-lite';
import { colorsFor, FIGURE_CONFIG, finite, ordered } from './theme.js';
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
  const yAxis = o.metric.format ? { format: o.metric.format } : {};
  const sideBySide = o.sideBySide ?? true;
  const longLabels = xDomain.some((x) => x.length > 12);
  const inner = {
    width: sideBySide ? { step: 18, for: 'offset' as const } : { step: 48 },
    height: 260,
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
        encoding: { y: { field: 'mean', type: 'quantitative' as const, title: o.metric.title, scale: yScale, axis: yAxis } },
      },
      {
        mark: { type: 'errorbar' as const, ticks: { size: 6 } },
        encoding: {
          y: { field: 'ciLow', type: 'quantitative' as const, title: o.metric.title },
          y2: { field: 'ciHigh' },
          color: { value: '#222' },
        },
      },
    ],
  };
  const head = { title: { text: o.title, subtitle: o.subtitle }, config: FIGURE_CONFIG, data: { values } };
  if (!faceted) return { ...head, ...inner };
  const facetDomain = ordered(o.facetOrder, o.cells.map((c) => c.facet ?? ''));
  return { ...head, facet: { column: { field: 'facet', type: 'nominal', sort: facetDomain, title: o.facetTitle ?? null } }, spec: inner };
}

export function statRow(metric: string, group: string, at: string | null, stat: Estimate): StatRow {
  return { metric, group, at, mean: stat.mean, ciLow: stat.ciLow, ciHigh: stat.ciHigh, n: stat.n, over: stat.over, ...(stat.verdicts ? { verdicts: stat.verdicts } : {}) };
}
