// The figures of a run with no experiment (an `eval` run): one bar chart per judge column and
// label as `results` summarizes them, by group, with each trigger condition its own set of bars.
import type { MetricSummary } from '../analysis/index.js';
import { estimateOf, type FigureInput, type Metric } from '../report/index.js';
import { SHARE_SCALE, slug } from './figures.js';
import { measuredWords } from './headline.js';
import { ratingScale, type RatingRange } from './rating-scale.js';

function axis(s: MetricSummary, ratings: ReadonlyMap<string, RatingRange>): Metric {
  return { title: measuredWords(s), ...(s.kind === 'share' ? SHARE_SCALE : ratingScale(ratings.get(s.column))) };
}

function denominator(s: MetricSummary): string {
  const excluded = s.metric.exclude ?? ['unparsed', 'refusal'];
  return `${excluded.length ? `${excluded.join(' and ')} verdicts left out of the denominator` : 'every judged answer in the denominator'}; no-answer shares in the table`;
}

/** One figure per column and label (or rating, on its judge's scale: `ratingRanges`), in the order `results` lists them; names are unique. */
export function summaryFigures(summaries: readonly MetricSummary[], groups: readonly string[], ratings: ReadonlyMap<string, RatingRange>): FigureInput[] {
  const byMetric = new Map<string, MetricSummary[]>();
  for (const s of summaries) byMetric.set(s.metric.id, [...(byMetric.get(s.metric.id) ?? []), s]);
  const names = new Set<string>();
  return [...byMetric.values()].map((cells) => {
    const s = cells[0]!;
    let name = slug(s.metric.id);
    for (let i = 2; names.has(name); i++) name = `${slug(s.metric.id).slice(0, 56)}-${i}`;
    names.add(name);
    const what = s.label !== undefined ? `${s.column} = ${s.label}` : s.kind === 'mean' ? `${s.column} (mean rating)` : `${s.column} (parsed verdicts)`;
    if (cells.length === 1 && cells[0]!.condition === undefined) {
      return { name, kind: 'group-bars' as const, data: { title: `${what}, by group`, note: denominator(s), metric: axis(s, ratings), groups: [...groups], bars: s.groups.map((g) => ({ group: g.group, stat: estimateOf(g) })) } };
    }
    const at = (c: MetricSummary) => c.condition ?? 'no trigger';
    return {
      name,
      kind: 'question-ratio' as const,
      data: { title: `${what}, by group and trigger condition`, note: denominator(s), metric: axis(s, ratings), xTitle: 'Trigger condition', groups: [...groups], questions: cells.map(at), cells: cells.flatMap((c) => c.groups.map((g) => ({ question: at(c), group: g.group, stat: estimateOf(g) }))) },
    };
  });
}
