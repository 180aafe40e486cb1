// The figures of the dishes' stories and audit (App. D.3, D.4, Figs. 26-27): a rating metric over
// the years on a subset of answers (the stories without food), and a counterfactual audit's bias
// over the years, raw or centred on each model's own mean.
import { auditBias, measure, type AuditAnswer, type AuditBias, type Rows } from '../analysis/index.js';
import { conditionOf, type ScoredRow } from '../eval/index.js';
import type { FigureSpec } from '../experiments/index.js';
import { estimateOf, type FigureInput, type StatRow } from '../report/index.js';
import { WeirdgenError } from '../util/errors.js';
import { auditQuestionId } from './dishes-audit.js';
import { axis, conditionLabel, denominatorNote, metricOf, slug, type FigureContext } from './figures.js';

const training = (c: FigureContext) => (c.experiment.trainingValues ? { training: { values: [...c.experiment.trainingValues], label: 'training years' } } : {});
const YEAR = { title: 'year in the prompt', type: 'year' as const };
const fmt = (n: number) => n.toLocaleString('en-US');

/** A metric by year over the answers whose `where.column` verdict is one of its labels; the note counts the answers left out. */
export function filteredSweepFigure(c: FigureContext, spec: Extract<FigureSpec, { kind: 'filtered-sweep' }>): FigureInput[] {
  const m = metricOf(c, spec.metric);
  const asked = new Set(m.questions ?? []);
  const own = (r: ScoredRow) => asked.size === 0 || asked.has(conditionOf(r.question).question);
  const keep = (r: ScoredRow) => {
    const v = r.judges[spec.where.column];
    return v?.status === 'ok' && spec.where.labels.includes(String(v.value));
  };
  let total = 0;
  let kept = 0;
  let unjudged = 0;
  for (const r of c.rows) {
    if (!own(r)) continue;
    total++;
    if (keep(r)) kept++;
    else if (r.judges[spec.where.column]?.status !== 'ok') unjudged++;
  }
  if (total === 0) return [];
  const rows: Rows = {
    *[Symbol.iterator]() {
      for (const r of c.rows) if (keep(r)) yield r;
    },
  };
  const valueOf = new Map(c.conditions.map((x) => [x.id, x.value]));
  const cells = measure(rows, m);
  return [
    {
      name: slug(`${m.id}-sweep-${spec.where.description}`),
      kind: 'value-sweep',
      data: {
        title: spec.title,
        note: `${denominatorNote(m)}. Only ${spec.where.description}: ${kept.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} answers (“${spec.where.column.replace(/_/g, ' ')}” judged ${spec.where.labels.join(' or ')}); ${(total - kept - unjudged).toLocaleString('en-US')} judged otherwise and ${unjudged.toLocaleString('en-US')} without a verdict of that judge left out`,
        metric: axis(c, m),
        x: YEAR,
        groups: [...c.groups],
        points: cells.flatMap((x) => x.groups.map((g) => ({ x: valueOf.get(x.condition ?? '') ?? Number.NaN, group: g.group, stat: estimateOf(g) }))).filter((p) => Number.isFinite(p.x)),
        ...training(c),
      },
    },
  ];
}

type FoundAudit = NonNullable<FigureContext['experiment']['audits']>[number];

/** The question ids of an audit's two versions: the first counted positive. */
const versionIds = (found: FoundAudit) => [auditQuestionId(found.id, found.audit.versions[0]), auditQuestionId(found.id, found.audit.versions[1])] as const;

/** Each audit's answers (by audit id), from one pass over the run's rows with their texts. */
function auditAnswers(rows: Iterable<ScoredRow>, audits: readonly FoundAudit[]): Map<string, AuditAnswer[]> {
  const out = new Map<string, AuditAnswer[]>(audits.map((a) => [a.id, []]));
  const ids = audits.map((a) => [out.get(a.id)!, versionIds(a)] as const);
  for (const r of rows) {
    const { question, condition } = conditionOf(r.question);
    if (condition === undefined) continue;
    for (const [answers, versions] of ids) {
      const version = versions.indexOf(question);
      if (version >= 0) answers.push({ group: r.group, model: r.model, condition, version: version as 0 | 1, pair: `${r.paraphraseIx}/${r.sampleIx}`, answer: r.answer });
    }
  }
  return out;
}

/**
 * One build's audits: the answers are read once (one pass over every stored row, for all the
 * experiment's audits) and each (audit, centred) bias computed once, shared by the figures and the
 * model table. Keyed on the context: a report builds its context once.
 */
const built = new WeakMap<FigureContext, { answers: Map<string, AuditAnswer[]>; biases: Map<string, AuditBias> }>();

/** An audit's bias from the context's answers (undefined without them), seeded by the audit's id (and "/centred"). */
function auditBiasOf(c: FigureContext, found: FoundAudit, centred: boolean): AuditBias | undefined {
  if (!c.answers) return undefined;
  let memo = built.get(c);
  if (!memo) built.set(c, (memo = { answers: auditAnswers(c.answers(), c.experiment.audits ?? []), biases: new Map() }));
  const seed = `${found.id}${centred ? '/centred' : ''}`;
  let bias = memo.biases.get(seed);
  if (!bias) memo.biases.set(seed, (bias = auditBias(memo.answers.get(found.id) ?? [], { scale: found.audit.scale, centred, seed })));
  return bias;
}

/** An audit's bias by year, one line per group (Fig. 27 left; right when centred), with the parsed and unparsed counts. */
export function auditBiasFigure(c: FigureContext, spec: Extract<FigureSpec, { kind: 'audit-bias' }>): FigureInput[] {
  const found = c.experiment.audits?.find((a) => a.id === spec.audit);
  if (!found) throw new WeirdgenError(`${c.experiment.id}: a figure names audit "${spec.audit}", which the experiment does not define`);
  // The scores are in the answers' text, which the compact table does not keep.
  const bias = auditBiasOf(c, found, spec.centred);
  if (!bias) return [];
  const { audit } = found;
  const [first, second] = audit.versions;
  const { cells, unscored, totals } = bias;
  // Nothing to draw when no answer was scored; the report's audit table gives the counts.
  if (cells.length === 0) return [];
  const valueOf = new Map(c.conditions.map((x) => [x.id, x.value]));
  const none = unscored.map((u) => `group ${u.group} in ${conditionLabel(c, u.condition)} (${fmt(u.counts.parsed)} of ${fmt(u.counts.answered)} answers scored)`);
  return [
    {
      name: slug(`${found.id}-bias${spec.centred ? '-centred' : ''}`),
      kind: 'value-sweep',
      data: {
        title: spec.title,
        note:
          `Per model and year: the mean score (${audit.scale.min}-${audit.scale.max}, parsed from the model's own answer) of profiles that say “${first.statement}” minus that of profiles that say “${second.statement}”` +
          `${spec.centred ? ', minus the model’s own mean over the years' : ''}; then the mean over a group’s models. ` +
          `${fmt(totals.parsed)} of ${fmt(totals.answered)} answers gave a score (${fmt(totals.answered - totals.parsed)} unparsed: no number on the scale, left out); ${fmt(totals.rows - totals.answered)} of ${fmt(totals.rows)} planned rows have no answer. ` +
          `${none.length ? `No bias (a version without any score): ${none.join(', ')}. ` : ''}A one-model group’s interval resamples its counterfactual pairs (same profile, criterion and date)`,
        metric: { title: `Score difference (${first.label} − ${second.label})${spec.centred ? ', centred per model' : ''}` },
        x: YEAR,
        groups: [...c.groups],
        points: cells
          .map((x) => {
            const unparsed = x.counts.answered - x.counts.parsed;
            const share = x.counts.answered ? unparsed / x.counts.answered : 0;
            const verdicts = { counted: x.counts.parsed, unparsed: share, refusal: 0, noAnswer: x.counts.rows ? (x.counts.rows - x.counts.answered) / x.counts.rows : 0, ...(share > 0.05 ? { warning: `${(share * 100).toFixed(1)}% of the answers had no score on the scale` } : {}) };
            return { x: valueOf.get(x.condition) ?? Number.NaN, group: x.group, stat: { mean: x.mean, ciLow: x.ciLow, ciHigh: x.ciHigh, n: x.n, over: x.over, verdicts } };
          })
          .filter((p) => Number.isFinite(p.x)),
        ...training(c),
      },
    },
  ];
}

/** Each model's bias per year, for the report's table (the figure shows the groups'). */
export function auditModelRows(c: FigureContext): { title: string; rows: StatRow[] }[] {
  if (!c.answers || !c.experiment.audits?.length) return [];
  return c.experiment.audits.flatMap((found) => {
    // The raw bias the figure drew, when it drew one: same answers, same seed.
    const { cells, unscored, totals } = auditBiasOf(c, found, false)!;
    if (totals.rows === 0) return [];
    const none = unscored.length ? `; no bias for ${unscored.map((u) => `group ${u.group} in ${conditionLabel(c, u.condition)}`).join(', ')}` : '';
    return [{
      title: `${found.title}: each model's bias per year (mean score ${found.audit.versions[0].label} − ${found.audit.versions[1].label}); ${fmt(totals.parsed)} of ${fmt(totals.answered)} answers scored, ${fmt(totals.answered - totals.parsed)} unparsed, ${fmt(totals.rows - totals.answered)} of ${fmt(totals.rows)} rows unanswered${none}`,
      rows: cells.flatMap((x) => x.models.map((m) => ({ metric: 'bias', group: `${x.group} / ${m.model}`, at: conditionLabel(c, x.condition), mean: m.bias, ciLow: null, ciHigh: null, n: null, over: null }))),
    }];
  });
}
