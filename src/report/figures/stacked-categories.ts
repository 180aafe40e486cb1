// Stacked judge-category shares per group or per model (paper Figs. 17-18: six answer categories).
import type { TopLevelSpec } from 'vega-lite';
import { textWidth } from './text-width.js';
import { AXIS_LABEL_PX, colorsFor, FIGURE_CONFIG, finite, ordered, subtitle, wrap } from './theme.js';
import type { BuiltFigure, FigureBase, Verdicts } from './types.js';

export interface StackedBar {
  /** The bar's label: a group name, or a model id when `by` is "model". */
  bar: string;
  group: string;
  category: string;
  /** Share of the bar's answers in this category, 0..1. */
  share: number;
  /** Judged answers behind the whole bar. */
  n: number;
  /** The whole bar's answers that no category holds: unparsed, refused, unanswered. */
  verdicts?: Verdicts;
}

export interface StackedCategoriesData extends FigureBase {
  by: 'group' | 'model';
  /** Stack order, bottom first; also the legend's order. */
  categories: string[];
  colors?: Record<string, string>;
  barOrder?: string[];
  bars: StackedBar[];
}

/** The bounds of a group bar's width, in pixels. */
const MIN_STEP = 48;
const MAX_STEP = 110;

export function stackedCategoriesFigure(d: StackedCategoriesData): BuiltFigure {
  const categories = ordered(d.categories, d.bars.map((b) => b.category));
  const defaults = colorsFor(categories);
  const range = categories.map((c, i) => d.colors?.[c] ?? defaults[i]!);
  const barDomain = ordered(d.barOrder ?? (d.by === 'group' ? d.groups : undefined), d.bars.map((b) => b.bar));
  const groups = ordered(d.groups, d.bars.map((b) => b.group));
  const facet = d.by === 'model' && groups.length > 1;
  const caption = `No error bars: each bar is the share of its judged answers (n per bar in the table), pooled over samples${d.by === 'model' ? ' of one model' : ''}`;
  const values = d.bars.map((b) => ({ bar: b.bar, group: b.group, category: b.category, order: categories.indexOf(b.category), share: finite(b.share), n: b.n }));
  const bar = { field: 'bar', type: 'nominal' as const, sort: barDomain };
  const share = { field: 'share', type: 'quantitative' as const, title: 'Share of answers in each judge category', stack: 'zero' as const, scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  const shared = {
    mark: { type: 'bar' as const },
    color: { field: 'category', type: 'nominal' as const, title: 'Category', scale: { domain: categories, range } },
    order: { field: 'order', type: 'quantitative' as const },
  };
  // A group's bar is as wide as its label (within bounds), so that short names read level.
  const longest = Math.max(0, ...barDomain.map((b) => textWidth(b, AXIS_LABEL_PX)));
  const step = Math.min(MAX_STEP, Math.max(MIN_STEP, longest + 12));
  // Model ids are long and alike: horizontal bars keep their labels whole.
  const inner =
    d.by === 'model'
      ? { width: 360, height: { step: 22 }, mark: shared.mark, encoding: { y: { ...bar, title: 'Model', axis: { labelLimit: 320 } }, x: share, color: shared.color, order: shared.order } }
      : {
          width: { step },
          height: 260,
          mark: shared.mark,
          encoding: { x: { ...bar, title: 'Group', axis: { labelAngle: longest > step - 6 ? -35 : 0 } }, y: share, color: shared.color, order: shared.order },
        };
  const head = { title: { text: wrap(d.title, 70), subtitle: subtitle(d, caption) }, config: FIGURE_CONFIG, data: { values } };
  const spec: TopLevelSpec = facet
    ? { ...head, facet: { row: { field: 'group', type: 'nominal', sort: groups, title: null } }, spec: inner, resolve: { scale: { y: 'independent' } } }
    : { ...head, ...inner };
  const table = d.bars.map((b) => ({ metric: 'share', group: d.by === 'model' ? `${b.group} / ${b.bar}` : b.bar, at: b.category, mean: b.share, ciLow: null, ciHigh: null, n: b.n, over: null, ...(b.verdicts ? { verdicts: b.verdicts } : {}) }));
  return { spec, title: d.title, caption, table };
}
