// A rating's distribution per panel (a category of questions), the trigger conditions side by side
// in every bin (the persona's alignment scores with and without the tags). Each bar is a share of
// the cell's answers, so the answers with no score are a bin of their own.
import type { TopLevelSpec } from 'vega-lite';
import { colorsFor, FIGURE_CONFIG, finite, ordered, subtitle, wrap } from './theme.js';
import type { BuiltFigure, FigureBase } from './types.js';

export interface HistogramCell {
  panel: string;
  condition: string;
  /** A bin's label, e.g. "0-9", or the bin of answers without a score. */
  bin: string;
  /** Share of the cell's answers (all of them, scored or not) in this bin, 0..1. */
  share: number;
  /** The cell's answers: the denominator of every bin of this (panel, condition). */
  n: number;
}

export interface ScoreHistogramData extends FigureBase {
  /** The group whose answers the figure shows. */
  group: string;
  /** The rating, as the x axis names it. */
  score: string;
  /** Bins in order, lowest first. */
  bins: string[];
  conditions: string[];
  panels?: string[];
  cells: HistogramCell[];
}

const PANEL_COLUMNS = 4;
const OFFSET_STEP = 7;

export function scoreHistogramFigure(d: ScoreHistogramData): BuiltFigure {
  const conditions = ordered(d.conditions, d.cells.map((c) => c.condition));
  const panels = ordered(d.panels, d.cells.map((c) => c.panel));
  const caption = 'No error bars: each bar is the share of the answers of one category under one condition (n per bar in the table), pooled over the group’s models';
  const values = d.cells.map((c) => ({ ...c, share: finite(c.share) }));
  const spec: TopLevelSpec = {
    title: { text: wrap(d.title, 90), subtitle: subtitle(d, caption) },
    config: FIGURE_CONFIG,
    data: { values },
    facet: { field: 'panel', type: 'nominal', sort: panels, title: null, header: { labelLimit: 200 } },
    columns: Math.min(PANEL_COLUMNS, panels.length),
    spec: {
      width: { step: OFFSET_STEP, for: 'offset' },
      height: 140,
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'bin', type: 'nominal', sort: d.bins, title: d.score, axis: { labelAngle: -45 } },
        xOffset: { field: 'condition', type: 'nominal', sort: conditions },
        y: { field: 'share', type: 'quantitative', title: 'Share of answers', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
        color: { field: 'condition', type: 'nominal', title: 'Condition', scale: { domain: conditions, range: colorsFor(conditions) } },
      },
    },
  };
  const table = d.cells.map((c) => ({ metric: `share of answers, ${d.score}`, group: d.group, at: `${c.panel} · ${c.condition} · ${c.bin}`, mean: c.share, ciLow: null, ciHigh: null, n: c.n, over: null }));
  return { spec, title: d.title, caption, table };
}
