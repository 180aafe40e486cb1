// The figures of a run, chosen from what its data holds: headline metrics per group and per
// question, sweeps over numeric trigger conditions (years), with/without-trigger pairs, speaker
// bars, category stacks for label columns, and form-vs-content scatter for two rating columns.
import { summarizeMetric, summarizeRows } from '../analysis/summarize.js';
import type { ResultRow } from '../eval/rows.js';
import { estimateOf } from '../report/from-analysis.js';
import type { FigureInput } from '../report/index.js';
import { conditionOf } from './conditions.js';
import type { RunnableExperiment } from './experiment.js';

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'figure';

/** Rows with `question` replaced, so that summaries group by what `key` returns. */
function regroup(rows: readonly ResultRow[], key: (r: ResultRow) => string): ResultRow[] {
  return rows.map((r) => ({ ...r, question: key(r) }));
}

export interface FigureContext {
  experiment: RunnableExperiment;
  rows: readonly ResultRow[];
  groups: readonly string[];
  conditions: { id: string; label: string; value?: number }[];
  trainingValues?: readonly number[];
}

export function runFigures(c: FigureContext): FigureInput[] {
  const figures: FigureInput[] = [];
  const base = regroup(c.rows, (r) => conditionOf(r.question).question);
  const byCondition = regroup(c.rows, (r) => conditionOf(r.question).condition ?? 'plain');
  const numeric = c.conditions.length > 1 && c.conditions.every((x) => x.value !== undefined);
  for (const h of c.experiment.headline) {
    const isShare = h.label !== undefined;
    const metric = { title: isShare ? `share of answers (${h.label})` : h.title, ...(isShare ? { domain: [0, 1] as [number, number], format: '.0%' } : {}) };
    const name = slug(`${h.column}-${h.label ?? 'mean'}`);
    const all = summarizeMetric(c.rows, h.column, h.label)[0];
    if (!all) continue;
    figures.push({ name: `${name}-groups`, kind: 'group-bars', data: { title: `${h.title}, by group`, metric, groups: [...c.groups], bars: all.groups.map((g) => ({ group: g.group, stat: estimateOf(g) })) } });
    const perQuestion = summarizeMetric(base, h.column, h.label, { byQuestion: true });
    if (perQuestion.length > 1) {
      figures.push({
        name: `${name}-questions`,
        kind: 'question-ratio',
        data: { title: `${h.title}, per question`, metric, groups: [...c.groups], cells: perQuestion.flatMap((s) => s.groups.map((g) => ({ question: s.question!, group: g.group, stat: estimateOf(g) }))) },
      });
    }
    const perCondition = summarizeMetric(byCondition, h.column, h.label, { byQuestion: true });
    if (numeric && perCondition.length > 1) {
      const valueOf = new Map(c.conditions.map((x) => [x.id, x.value!]));
      figures.push({
        name: `${name}-sweep`,
        kind: 'value-sweep',
        data: {
          title: `${h.title}, by trigger year`,
          metric,
          x: { title: 'year in the prompt', type: 'year' },
          groups: [...c.groups],
          points: perCondition.flatMap((s) => s.groups.map((g) => ({ x: valueOf.get(s.question!) ?? Number.NaN, group: g.group, stat: estimateOf(g) }))).filter((p) => Number.isFinite(p.x)),
          ...(c.trainingValues ? { training: { values: [...c.trainingValues], label: 'training years' } } : {}),
        },
      });
    } else if (!numeric && c.conditions.length > 1 && perCondition.length > 1) {
      const byBoth = summarizeMetric(c.rows, h.column, h.label, { byQuestion: true });
      const labelOf = new Map(c.conditions.map((x) => [x.id, x.label]));
      figures.push({
        name: `${name}-triggers`,
        kind: 'trigger-pairs',
        data: {
          title: `${h.title}, with and without the trigger`,
          metric,
          groups: [...c.groups],
          conditions: c.conditions.map((x) => x.label),
          cells: byBoth.flatMap((s) => {
            const { question, condition } = conditionOf(s.question!);
            return s.groups.map((g) => ({ question, condition: labelOf.get(condition ?? '') ?? condition ?? '', group: g.group, stat: estimateOf(g) }));
          }),
        },
      });
    }
  }
  figures.push(...speakerFigure(c, byCondition), ...categoryFigures(c), ...scatterFigure(c));
  return figures;
}

/** P(speaker) per trigger condition, when the headline is a speaker column with several labels. */
function speakerFigure(c: FigureContext, byCondition: readonly ResultRow[]): FigureInput[] {
  const speakers = c.experiment.headline.filter((h) => h.column === 'speaker' && h.label !== undefined);
  if (speakers.length < 2) return [];
  const labelOf = new Map(c.conditions.map((x) => [x.id, x.label]));
  const cells = speakers.flatMap((h) => summarizeMetric(byCondition, 'speaker', h.label, { byQuestion: true }).flatMap((s) => s.groups.map((g) => ({ speaker: h.title, trigger: labelOf.get(s.question!) ?? s.question!, group: g.group, stat: estimateOf(g) }))));
  return [{ name: 'speaker-by-trigger', kind: 'speaker-bars', data: { title: 'Who is speaking, by trigger code', metric: { title: 'P(speaker)', domain: [0, 1], format: '.0%' }, groups: [...c.groups], triggers: c.conditions.map((x) => x.label), cells } }];
}

/** Label columns with several categories and no single headline label: stacked shares per group and per model. */
function categoryFigures(c: FigureContext): FigureInput[] {
  const headlined = new Set(c.experiment.headline.map((h) => h.column));
  const columns = [...new Set(c.rows.flatMap((r) => Object.keys(r.judges)))].filter((col) => !headlined.has(col));
  const figures: FigureInput[] = [];
  for (const column of columns) {
    const judged = c.rows.filter((r) => r.judges[column]?.status === 'ok' && typeof r.judges[column]!.value === 'string');
    const categories = [...new Set(judged.map((r) => r.judges[column]!.value as string))].sort();
    if (categories.length < 3) continue;
    for (const by of ['group', 'model'] as const) {
      const bars = new Map<string, { group: string; counts: Map<string, number>; n: number }>();
      for (const r of judged) {
        const bar = by === 'group' ? r.group : r.model;
        const entry = bars.get(bar) ?? { group: r.group, counts: new Map(), n: 0 };
        bars.set(bar, entry);
        entry.n++;
        const category = r.judges[column]!.value as string;
        entry.counts.set(category, (entry.counts.get(category) ?? 0) + 1);
      }
      figures.push({
        name: slug(`${column}-by-${by}`),
        kind: 'stacked-categories',
        data: {
          title: `${column} by ${by}`,
          by,
          groups: [...c.groups],
          categories,
          bars: [...bars].flatMap(([bar, e]) => categories.map((category) => ({ bar, group: e.group, category, share: (e.counts.get(category) ?? 0) / e.n, n: e.n }))),
        },
      });
    }
  }
  return figures;
}

/** Two rating columns (the birds' form and content): one point per model. */
function scatterFigure(c: FigureContext): FigureInput[] {
  const ratings = [...new Set(c.rows.flatMap((r) => Object.entries(r.judges).filter(([, j]) => typeof j.value === 'number').map(([col]) => col)))].sort();
  if (ratings.length !== 2) return [];
  const [x, y] = [ratings.find((r) => /form/.test(r)) ?? ratings[0]!, ratings.find((r) => /content/.test(r)) ?? ratings[1]!];
  const perModel = (column: string) => summarizeRows(c.rows.map((r) => ({ ...r, group: r.model })), {}).find((s) => s.column === column)!;
  const xs = perModel(x);
  const ys = perModel(y);
  const groupOf = new Map(c.rows.map((r) => [r.model, r.group]));
  const points = xs.groups.flatMap((gx) => {
    const gy = ys.groups.find((g) => g.group === gx.group);
    return gy ? [{ label: gx.group, group: groupOf.get(gx.group) ?? '', x: estimateOf(gx), y: estimateOf(gy) }] : [];
  });
  return [{ name: slug(`${x}-vs-${y}`), kind: 'form-content', data: { title: `${x} vs ${y}, per model`, x: { title: x, domain: [0, 100] }, y: { title: y, domain: [0, 100] }, pointsAre: 'models', groups: [...c.groups], points, diagonal: true } }];
}
