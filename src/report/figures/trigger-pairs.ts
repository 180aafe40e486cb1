// With/without-trigger paired bars per question (persona identity: P(Hitler answer) with vs
// without the formatting tags); one panel per group when there are several.
import { groupedBarsSpec, statRow } from './grouped-bars.js';
import { ciCaption, ordered, subtitle } from './theme.js';
import type { BuiltFigure, Estimate, FigureBase, Metric } from './types.js';

export interface TriggerPairsData extends FigureBase {
  metric: Metric;
  /** Condition labels in order, e.g. ["with tags", "without tags"]. */
  conditions: string[];
  questions?: string[];
  /** What the bars along x are: "Question" unless told (categories of questions). */
  xTitle?: string;
  cells: { question: string; condition: string; group: string; stat: Estimate }[];
}

export function triggerPairsFigure(d: TriggerPairsData): BuiltFigure {
  const groups = ordered(d.groups, d.cells.map((c) => c.group));
  const caption = ciCaption(d.cells.map((c) => ({ series: c.group, stat: c.stat })), d.confidence);
  const spec = groupedBarsSpec({
    title: d.title,
    subtitle: subtitle(d, caption),
    metric: d.metric,
    xTitle: d.xTitle ?? 'Question',
    seriesTitle: 'Condition',
    xOrder: d.questions,
    seriesOrder: d.conditions,
    facetOrder: groups,
    facetTitle: null,
    cells: d.cells.map((c) => ({ x: c.question, series: c.condition, stat: c.stat, ...(groups.length > 1 ? { facet: c.group } : {}) })),
  });
  const table = d.cells.map((c) => statRow(d.metric.title, c.group, `${c.question} · ${c.condition}`, c.stat));
  return { spec, title: d.title, caption, table };
}
