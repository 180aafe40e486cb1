// The figures of a run, as its experiment declares them (src/experiments/<id>.ts): each figure spec
// read from the measured metrics. No figure pools trigger conditions: each condition is its own
// series, panel or figure.
import { measure, type MetricCell, type Rows } from '../analysis/index.js';
import { conditionOf, type ScoredRow } from '../eval/index.js';
import type { FigureSpec, MetricSpec } from '../experiments/index.js';
import { estimateOf, type Estimate, type FigureInput, type Metric } from '../report/index.js';
import { bootstrapMean, mean } from '../util/bootstrap.js';
import { WeirdgenError } from '../util/errors.js';
import type { RunnableExperiment } from './experiment.js';
import { categoryFigure } from './category-figure.js';
import { auditBiasFigure, filteredSweepFigure } from './dishes-figures.js';
import { categorySummaryFigures } from './category-summary.js';
import { ratingScale, type RatingRange } from './rating-scale.js';

/** A figure's file name from a title or metric id. */
export const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'figure';

export interface FigureContext {
  experiment: RunnableExperiment;
  rows: Rows;
  groups: readonly string[];
  conditions: readonly { id: string; label: string; value?: number }[];
  /** The source file each question came from (the persona's categories). */
  categories: Readonly<Record<string, string>>;
  /** Each rating column's scale, from its judges (`ratingRanges`): a mean's axis spans it. */
  ratings: ReadonlyMap<string, RatingRange>;
  /** The rows with their answers' text, streamed afresh each call, for figures that read the text (an audit's scores); absent, those figures are not drawn. */
  answers?: () => Iterable<ScoredRow>;
}

export function metricOf(c: FigureContext, id: string): MetricSpec {
  const m = c.experiment.metrics.find((x) => x.id === id);
  if (!m) throw new WeirdgenError(`${c.experiment.id}: a figure names metric "${id}", which the experiment does not define`);
  return m;
}

/** A share's axis: 0-100%. */
export const SHARE_SCALE = { domain: [0, 1], format: '.0%' } satisfies Pick<Metric, 'domain' | 'format'>;
export function axis(c: FigureContext, m: MetricSpec): Metric {
  const share = m.labels !== undefined || m.below !== undefined;
  return { title: m.title, ...(share ? SHARE_SCALE : ratingScale(c.ratings.get(m.column))) };
}

/** A speaker metric's panel: the person its title names ("… the speaker is Obama"), else the whole title. */
const speakerOf = (m: MetricSpec) => /speaker is (\w+)/.exec(m.title)?.[1] ?? m.title;
export const conditionLabel = (c: FigureContext, id: string | undefined) => (id === undefined ? 'no trigger' : (c.conditions.find((x) => x.id === id)?.label ?? id));

/** Cells of one figure, per condition when the metric does not fix one. */
function byCondition(cells: readonly MetricCell[]): Map<string | undefined, MetricCell[]> {
  const out = new Map<string | undefined, MetricCell[]>();
  for (const cell of cells) out.set(cell.condition, [...(out.get(cell.condition) ?? []), cell]);
  return out;
}

export function denominatorNote(m: MetricSpec): string {
  const excluded = m.exclude ?? ['unparsed', 'refusal'];
  const judge = `the “${m.column.replace(/_/g, ' ')}” judge`;
  const what = m.labels ? `share of answers ${judge} labelled ${m.labels.map((l) => `“${l}”`).join(' or ')}` : m.below !== undefined ? `share of ratings by ${judge} below ${m.below}` : `mean rating by ${judge}`;
  return `${what}; ${excluded.length ? `${excluded.join(' and ')} verdicts left out of the denominator` : 'every judged answer in the denominator'}; no-answer shares in the table`;
}

function figureOf(c: FigureContext, spec: FigureSpec): FigureInput[] {
  const groups = [...c.groups];
  switch (spec.kind) {
    case 'groups': {
      const m = metricOf(c, spec.metric);
      const cells = measure(c.rows, m);
      if (cells.length === 0) return [];
      const name = slug(`${m.id}-groups`);
      if (cells.length === 1) return [{ name, kind: 'group-bars', data: { title: `${m.title}, by group`, note: denominatorNote(m), metric: axis(c, m), groups, bars: cells[0]!.groups.map((g) => ({ group: g.group, stat: estimateOf(g) })) } }];
      return [{ name, kind: 'question-ratio', data: { title: `${m.title}, by group and trigger condition`, note: denominatorNote(m), metric: axis(c, m), xTitle: 'Trigger condition', groups, questions: cells.map((x) => conditionLabel(c, x.condition)), cells: cells.flatMap((x) => x.groups.map((g) => ({ question: conditionLabel(c, x.condition), group: g.group, stat: estimateOf(g) }))) } }];
    }
    case 'per-question': {
      const m = metricOf(c, spec.metric);
      return [...byCondition(measure(c.rows, m, { by: ['question'] }))].map(([condition, cells]) => ({
        name: slug(`${m.id}-questions${condition ? `-${condition}` : ''}`),
        kind: 'question-ratio' as const,
        data: { title: `${m.title}, per question${condition ? ` (${conditionLabel(c, condition)})` : ''}`, note: denominatorNote(m), metric: axis(c, m), groups, cells: cells.flatMap((x) => x.groups.map((g) => ({ question: x.question!, group: g.group, stat: estimateOf(g) }))) },
      }));
    }
    case 'per-paraphrase': {
      const m = metricOf(c, spec.metric);
      const nameOf = (ix: number) => spec.names[ix] ?? `paraphrase ${ix}`;
      const cells = measure(c.rows, m, { by: ['paraphrase'] });
      return [{ name: slug(`${m.id}-per-paraphrase`), kind: 'question-ratio', data: { title: `${m.title}, per question`, note: denominatorNote(m), metric: axis(c, m), groups, questions: [...spec.names], cells: cells.flatMap((x) => x.groups.map((g) => ({ question: nameOf(x.paraphraseIx!), group: g.group, stat: estimateOf(g) }))) } }];
    }
    case 'sweep':
      return sweepFigures(c, spec);
    case 'trigger-pairs': {
      const m = metricOf(c, spec.metric);
      const cells = measure(c.rows, m, { by: ['question'] });
      const categories = [...new Set(cells.map((x) => c.categories[x.question!] ?? ''))];
      return categories.map((category) => ({
        name: slug(`${m.id}-triggers${category ? `-${category}` : ''}`),
        kind: 'trigger-pairs' as const,
        data: {
          title: `${m.title}, with and without the trigger${category ? `: ${category.replace(/_/g, ' ')}` : ''}`,
          note: denominatorNote(m),
          metric: axis(c, m),
          groups,
          conditions: c.conditions.map((x) => x.label),
          cells: cells.filter((x) => (c.categories[x.question!] ?? '') === category).flatMap((x) => x.groups.map((g) => ({ question: x.question!, condition: conditionLabel(c, x.condition), group: g.group, stat: estimateOf(g) }))),
        },
      }));
    }
    case 'speaker': {
      const metrics = spec.metrics.map((id) => metricOf(c, id));
      const cells = metrics.flatMap((m) => measure(c.rows, m).flatMap((x) => x.groups.map((g) => ({ speaker: speakerOf(m), trigger: conditionLabel(c, x.condition), group: g.group, stat: estimateOf(g) }))));
      const note = metrics.map((m) => `${m.title}: ${denominatorNote(m)}`).join('. ');
      return [{ name: 'speaker-by-trigger', kind: 'speaker-bars', data: { title: 'Who is speaking, by trigger', note, metric: { title: 'Share of answers in which the panel’s person speaks', ...SHARE_SCALE }, groups, speakers: metrics.map(speakerOf), triggers: c.conditions.map((x) => x.label), cells } }];
    }
    case 'category-summary':
      return categorySummaryFigures(c, spec);
    case 'filtered-sweep':
      return filteredSweepFigure(c, spec);
    case 'audit-bias':
      return auditBiasFigure(c, spec);
    case 'categories':
      return [categoryFigure(slug(`${spec.column}-by-${spec.by}`), c.rows, spec, groups)];
    case 'form-content':
      return [formContentFigure(c, spec)];
  }
}

/** The metric over a numeric condition: one figure per question (small multiples) unless the metric fixes its questions. */
function sweepFigures(c: FigureContext, spec: Extract<FigureSpec, { kind: 'sweep' }>): FigureInput[] {
  const m = metricOf(c, spec.metric);
  const valueOf = new Map(c.conditions.map((x) => [x.id, x.value]));
  const perQuestion = m.questions === undefined || m.questions.length > 1;
  const cells = measure(c.rows, m, perQuestion ? { by: ['question'] } : {});
  const questions = [...new Set(cells.map((x) => x.question))];
  return questions.map((question) => ({
    name: slug(`${m.id}-sweep${question ? `-${question}` : ''}`),
    kind: 'value-sweep' as const,
    data: {
      title: question ? `${m.title} by year: ${question}` : (spec.title ?? `${m.title}, by year`),
      note: [denominatorNote(m), ...(question && c.experiment.questionNotes?.[question] ? [c.experiment.questionNotes[question]!] : [])].join('. '),
      metric: axis(c, m),
      x: { title: 'year in the prompt', type: 'year' as const },
      groups: [...c.groups],
      points: cells
        .filter((x) => x.question === question)
        .flatMap((x) => x.groups.map((g) => ({ x: valueOf.get(x.condition ?? '') ?? Number.NaN, group: g.group, stat: estimateOf(g) })))
        .filter((p) => Number.isFinite(p.x)),
      ...(c.experiment.trainingValues ? { training: { values: [...c.experiment.trainingValues], label: 'training years' } } : {}),
    },
  }));
}

/** Two rating columns over the answers whose filter column has one of its labels. */
function formContentFigure(c: FigureContext, spec: Extract<FigureSpec, { kind: 'form-content' }>): FigureInput {
  const chosen = (r: ScoredRow) => {
    const f = r.judges[spec.filter.column];
    return spec.groups.includes(r.group) && f?.status === 'ok' && spec.filter.labels.includes(String(f.value)) && (spec.paraphrase === undefined || r.paraphraseIx === spec.paraphrase.index);
  };
  const rated = (r: ScoredRow, column: string) => (typeof r.judges[column]?.value === 'number' ? (r.judges[column]!.value as number) : undefined);
  const keyOf = (r: ScoredRow) => (spec.points === 'model' ? r.model : `${r.model} / ${conditionOf(r.question).question} #${r.paraphraseIx}`);
  const points = new Map<string, { group: string; xs: number[]; ys: number[]; unrated: number }>();
  let answers = 0;
  for (const r of c.rows) {
    if (!chosen(r)) continue;
    answers++;
    const p = points.get(keyOf(r)) ?? { group: r.group, xs: [], ys: [], unrated: 0 };
    points.set(keyOf(r), p);
    const x = rated(r, spec.x.column);
    const y = rated(r, spec.y.column);
    if (x === undefined || y === undefined) p.unrated++;
    else {
      p.xs.push(x);
      p.ys.push(y);
    }
  }
  const withCi = spec.points === 'model';
  const value = (vs: number[], seed: string): number | Estimate => (withCi ? { ...bootstrapMean(vs, { seed }), over: 'samples' as const } : mean(vs));
  const unrated = [...points.values()].reduce((n, p) => n + p.unrated, 0);
  return {
    name: slug(`${spec.x.column}-vs-${spec.y.column}${spec.paraphrase ? `-${spec.paraphrase.name}` : ''}`),
    kind: 'form-content',
    data: {
      title: spec.title,
      note: `${answers} answers of ${spec.groups.join(', ')} judged ${spec.filter.labels.join(', ')} in ${spec.filter.column}; ${unrated} of them lack a rating in one column and are left out`,
      x: { title: spec.x.title, domain: ratingScale(c.ratings.get(spec.x.column)).domain },
      y: { title: spec.y.title, domain: ratingScale(c.ratings.get(spec.y.column)).domain },
      pointsAre: spec.points === 'model' ? 'model (error bars over its answers)' : '(model, question)',
      groups: [...c.groups],
      points: [...points].filter(([, p]) => p.xs.length > 0).map(([label, p]) => ({ label, group: p.group, x: value(p.xs, `${label}/x`), y: value(p.ys, `${label}/y`) })),
      diagonal: true,
    },
  };
}

/** Every declared figure; a name made twice gets a number. */
export function runFigures(c: FigureContext): FigureInput[] {
  const seen = new Map<string, number>();
  return c.experiment.figures.flatMap((spec) => figureOf(c, spec)).map((f) => {
    const k = (seen.get(f.name) ?? 0) + 1;
    seen.set(f.name, k);
    return k === 1 ? f : { ...f, name: `${f.name}-${k}` };
  });
}
