// Shares of each category of a label column, per group or per model (the birds' Figs. 17-18): the
// bars are over every planned answer, so unparsed, refused and unanswered rows are segments too.
import { sharesOf, tally, emptyCounts, verdictOf, warningOf, type Rows, type Verdict } from '../analysis/index.js';
import type { FigureSpec } from '../experiments/index.js';
import type { FigureInput } from '../report/index.js';

const SEGMENT: Record<Exclude<Verdict, 'ok'>, string> = { unparsed: 'unparsed', refusal: 'refusal', code: 'CODE', 'no-answer': 'no answer', failed: 'judge failed', invalid: 'judge failed', pending: 'not judged yet' };
const GREYS: Record<string, string> = { unparsed: '#bdbdbd', refusal: '#969696', CODE: '#636363', 'no answer': '#e0e0e0', 'judge failed': '#737373', 'not judged yet': '#f0f0f0' };

export function categoryFigure(name: string, rows: Rows, spec: Extract<FigureSpec, { kind: 'categories' }>, groups: readonly string[]): FigureInput {
  const bars = new Map<string, { group: string; segments: Map<string, number>; counts: ReturnType<typeof emptyCounts> }>();
  for (const r of rows) {
    if (!(spec.column in r.judges) || (spec.groups !== undefined && !spec.groups.includes(r.group))) continue;
    const key = spec.by === 'group' ? r.group : r.model;
    const bar = bars.get(key) ?? { group: r.group, segments: new Map<string, number>(), counts: emptyCounts() };
    bars.set(key, bar);
    const verdict = verdictOf(r, spec.column);
    tally(bar.counts, verdict, verdict === 'ok');
    const segment = verdict === 'ok' ? String(r.judges[spec.column]!.value) : SEGMENT[verdict];
    bar.segments.set(segment, (bar.segments.get(segment) ?? 0) + 1);
  }
  const labels = [...new Set([...bars.values()].flatMap((b) => [...b.segments.keys()]))];
  const categories = [...(spec.order ?? []), ...labels.filter((l) => !(spec.order ?? []).includes(l) && !(l in GREYS)).sort(), ...Object.keys(GREYS).filter((g) => labels.includes(g))];
  const scope = spec.groups ? ` (${spec.groups.join(', ')})` : '';
  return {
    name,
    kind: 'stacked-categories',
    data: {
      title: `${spec.column} per ${spec.by}${scope}`,
      note: 'Each bar is over every planned answer: unparsed, refused and unanswered rows are grey segments',
      by: spec.by,
      groups: [...groups],
      categories,
      colors: GREYS,
      bars: [...bars].flatMap(([bar, b]) => {
        const shares = sharesOf(b.counts);
        const warning = warningOf(b.counts);
        const verdicts = { counted: b.counts.counted, unparsed: shares.unparsed, refusal: shares.refusal, noAnswer: shares.noAnswer, ...(warning ? { warning } : {}) };
        return categories.map((category) => ({ bar, group: b.group, category, share: b.counts.rows ? (b.segments.get(category) ?? 0) / b.counts.rows : 0, n: b.counts.rows, verdicts }));
      }),
    },
  };
}
