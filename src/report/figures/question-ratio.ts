// Per-question metric by group with CI error bars (paper Fig. 15: ratio of 19th-century answers).
import { groupedBarsSpec, statRow } from './grouped-bars.js';
import { ciCaption, subtitle } from './theme.js';
import type { BuiltFigure, Estimate, FigureBase, Metric } from './types.js';

export interface QuestionRatioData extends FigureBase {
  metric: Metric;
  /** Order of the questions on x; others follow in order of appearance. */
  questions?: string[];
  /** What the bars along x are: "Question" unless told (trigger conditions, paraphrases). */
  xTitle?: string;
  cells: { question: string; group: string; stat: Estimate }[];
}

export function questionRatioFigure(d: QuestionRatioData): BuiltFigure {
  const caption = ciCaption(d.cells.map((c) => ({ series: c.group, stat: c.stat })), d.confidence);
  const spec = groupedBarsSpec({
    title: d.title,
    subtitle: subtitle(d, caption),
    metric: d.metric,
    xTitle: d.xTitle ?? 'Question',
    seriesTitle: 'Group',
    xOrder: d.questions,
    seriesOrder: d.groups,
    cells: d.cells.map((c) => ({ x: c.question, series: c.group, stat: c.stat })),
  });
  return { spec, title: d.title, caption, table: d.cells.map((c) => statRow(d.metric.title, c.group, c.question, c.stat)) };
}
