// One bar per group with its CI: a metric pooled over every question (the birds overall plot).
import { groupedBarsSpec, statRow } from './grouped-bars.js';
import { ciCaption, subtitle } from './theme.js';
import type { BuiltFigure, Estimate, FigureBase, Metric } from './types.js';

export interface GroupBarsData extends FigureBase {
  metric: Metric;
  bars: { group: string; stat: Estimate }[];
}

export function groupBarsFigure(d: GroupBarsData): BuiltFigure {
  const caption = ciCaption(d.bars.map((b) => ({ series: b.group, stat: b.stat })), d.confidence);
  const spec = groupedBarsSpec({
    title: d.title,
    subtitle: subtitle(d, caption),
    metric: d.metric,
    xTitle: 'Group',
    seriesTitle: 'Group',
    xOrder: d.groups,
    seriesOrder: d.groups,
    sideBySide: false,
    cells: d.bars.map((b) => ({ x: b.group, series: b.group, stat: b.stat })),
  });
  return { spec, title: d.title, caption, table: d.bars.map((b) => statRow(d.metric.title, b.group, null, b.stat)) };
}
