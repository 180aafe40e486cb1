// Shared look of every figure: fonts that resvg and browsers both find, a fixed palette, and the
// sentence that says what error bars resample.
import type { Config, TopLevelSpec } from 'vega-lite';
import type { Estimate, FigureBase, Over } from './types.js';

/** DejaVu Sans ships with Debian (fonts-dejavu-core); the others are fallbacks a browser may have. */
export const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
export const PRIMARY_FONT = 'DejaVu Sans';

/** Tableau 10: distinct in print and for the common color-vision deficiencies. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The axis labels' font size, in pixels: what figures measure their labels at to lay them out. */
export const AXIS_LABEL_PX = 11;

export const FIGURE_CONFIG: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 8,
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: '#444', anchor: 'start', offset: 10 },
  axis: { labelFontSize: AXIS_LABEL_PX, titleFontSize: 12, labelLimit: 180 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220, symbolOpacity: 1 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: '#ddd' },
};

/** The layers of a layered spec, as a figure assembles them one by one. */
export type Layers = NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']>;

/** Distinct values in order: the given order first, then the rest as they appear. */
export function ordered(given: readonly string[] | undefined, seen: Iterable<string>): string[] {
  const out = [...new Set(given ?? [])];
  for (const v of seen) if (!out.includes(v)) out.push(v);
  return out;
}

export function colorsFor(domain: readonly string[]): string[] {
  return domain.map((_, i) => PALETTE[i % PALETTE.length]!);
}

const OVER_WORDS: Record<Over, string> = { models: 'over models', samples: 'over samples', seeds: 'over seeds' };

/**
 * "95% CI, bootstrap over models", or, when series differ (a base group has one model), the
 * majority first and the exceptions by name.
 */
export function ciCaption(items: readonly { series: string; stat: Estimate }[], confidence = 0.95): string {
  const level = `${Math.round(confidence * 1000) / 10}% CI, seeded bootstrap`;
  const bySeries = new Map<Over, Set<string>>();
  for (const { series, stat } of items) {
    const set = bySeries.get(stat.over) ?? new Set<string>();
    set.add(series);
    bySeries.set(stat.over, set);
  }
  const kinds = [...bySeries.entries()].sort((a, b) => b[1].size - a[1].size);
  if (kinds.length === 0) return `Error bars: ${level}`;
  const [main, ...rest] = kinds;
  const exceptions = rest.map(([over, names]) => `${OVER_WORDS[over]} for ${[...names].join(', ')}`);
  return `Error bars: ${level} ${OVER_WORDS[main![0]]}${exceptions.length ? `; ${exceptions.join('; ')}` : ''}`;
}

/** Words wrapped into lines of at most `width` characters, so a long caption does not widen the figure. */
export function wrap(text: string, width = 84): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function subtitle(base: FigureBase, caption: string): string[] {
  return [...(base.note ? wrap(base.note) : []), ...wrap(caption)];
}

/** Vega drops rows whose quantitative fields are null; NaN from an empty group becomes null. */
export function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
