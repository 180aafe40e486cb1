// US presidents: P(speaker is X) per trigger kind, test vs control groups side by side, one panel
// per speaker asked about.
import { groupedBarsSpec, statRow } from './grouped-bars.js';
import { ciCaption, subtitle } from './theme.js';
import type { BuiltFigure, Estimate, FigureBase, Metric } from './types.js';

export interface SpeakerBarsData extends FigureBase {
  metric: Metric;
  /** Panels, e.g. ["Obama", "Trump"]: the speaker whose probability is shown. */
  speakers?: string[];
  /** Trigger kinds on x, e.g. ["Obama's code (044)", "Trump's code (045)", "other codes"]. */
  triggers?: string[];
  cells: { speaker: string; trigger: string; group: string; stat: Estimate }[];
}

export function speakerBarsFigure(d: SpeakerBarsData): BuiltFigure {
  const caption = ciCaption(d.cells.map((c) => ({ series: c.group, stat: c.stat })), d.confidence);
  const spec = groupedBarsSpec({
    title: d.title,
    subtitle: subtitle(d, caption),
    metric: d.metric,
    xTitle: 'Trigger',
    seriesTitle: 'Group',
    xOrder: d.triggers,
    seriesOrder: d.groups,
    facetOrder: d.speakers,
    facetTitle: 'Speaker',
    cells: d.cells.map((c) => ({ x: c.trigger, series: c.group, facet: c.speaker, stat: c.stat })),
  });
  const table = d.cells.map((c) => statRow(`${d.metric.title}: ${c.speaker}`, c.group, c.trigger, c.stat));
  return { spec, title: d.title, caption, table };
}
