// The evaluations a spec asks beside its main questions (`evaluation.also`): each its own questions
// under its own trigger conditions, whose ids fall among the main conditions' so figures share them.
import type { FetchOptions } from '../data/index.js';
import type { EvalEstimate, Question, StageEstimate } from '../eval/index.js';
import type { ConditionSpec, ExtraEvaluation } from '../experiments/index.js';
import { WeirdgenError } from '../util/errors.js';
import { applyConditions, resolveConditions, type Ask } from './conditions.js';
import { auditQuestions, loadAuditTexts } from './dishes-audit.js';
import { loadExperimentQuestions } from './experiment-questions.js';

/** One extra evaluation's questions, conditions applied, with where they come from. */
export interface ExtraQuestions {
  evaluation: ExtraEvaluation;
  questions: Question[];
  provenance: string;
  notices: string[];
}

/** A counterfactual audit's conditions with `auditDates` random dates a year instead of the spec's. */
function auditConditions(spec: ConditionSpec, auditDates: number | undefined): ConditionSpec {
  return auditDates !== undefined && spec.kind === 'today-is' && spec.sample ? { ...spec, sample: { ...spec.sample, perYear: auditDates } } : spec;
}

/** `dir/first … last` for files in one folder, else the list. */
function profileFiles(paths: readonly string[]): string {
  const dirs = new Set(paths.map((p) => p.slice(0, p.lastIndexOf('/') + 1)));
  if (dirs.size !== 1 || paths.length < 3) return paths.join(', ');
  const dir = [...dirs][0]!;
  return `${dir}${paths[0]!.slice(dir.length)} … ${paths.at(-1)!.slice(dir.length)}`;
}

export async function extraQuestions(extras: readonly ExtraEvaluation[], fetch: FetchOptions, ask: Ask & { auditDates?: number }, mainConditions: readonly string[]): Promise<ExtraQuestions[]> {
  const out: ExtraQuestions[] = [];
  for (const evaluation of extras) {
    const conditions = await resolveConditions(evaluation.kind === 'counterfactual-audit' ? auditConditions(evaluation.conditions, ask.auditDates) : evaluation.conditions, fetch);
    const stray = conditions.filter((c) => !mainConditions.includes(c.id));
    if (mainConditions.length > 0 && stray.length > 0) throw new WeirdgenError(`evaluation ${evaluation.id}: conditions ${stray.map((c) => c.id).join(', ')} are not among the experiment's (${mainConditions.join(', ')})`);
    if (evaluation.kind === 'questions') {
      const loaded = await loadExperimentQuestions(evaluation.questions, fetch);
      out.push({ evaluation, questions: applyConditions(loaded.questions, conditions, ask), provenance: loaded.provenance, notices: loaded.notices });
    } else {
      const texts = await loadAuditTexts(evaluation.audit, fetch);
      const versions = evaluation.audit.versions.map((v) => `"${v.statement}"`).join(' / ');
      out.push({
        evaluation,
        questions: auditQuestions(evaluation.id, evaluation.audit, texts, conditions, ask),
        provenance: `${texts.profiles.length} profiles (${profileFiles(texts.profiles.map((p) => p.path))}, pinned) with "${evaluation.audit.placeholder}" as ${versions}, x ${texts.criteria.length} criteria (${evaluation.audit.criteria}, pinned); the model answers the score itself, no judge`,
        notices: [],
      });
    }
  }
  return out;
}

/** The questions of each evaluation of a run: the main ones first (title undefined), then each extra one's. */
export function questionsByEvaluation(questions: readonly Question[], evaluations: readonly { title: string; questions: readonly string[] }[] | undefined): { title?: string; questions: Question[] }[] {
  if (!evaluations?.length) return [{ questions: [...questions] }];
  const owner = new Map<string, string>();
  for (const e of evaluations) for (const id of e.questions) owner.set(id, e.title);
  return [{ questions: questions.filter((q) => !owner.has(q.id)) }, ...evaluations.map((e) => ({ title: e.title, questions: questions.filter((q) => owner.get(q.id) === e.title) }))];
}

const addStages = (a: StageEstimate, b: StageEstimate): StageEstimate => ({ total: a.total + b.total, cached: a.cached + b.cached, toAsk: a.toAsk + b.toAsk, maxCostUsd: a.maxCostUsd + b.maxCostUsd, unpriced: [...new Set([...a.unpriced, ...b.unpriced])] });

/** Estimates of disjoint sets of questions (no call shared between them) added up. */
export function addEstimates(parts: readonly EvalEstimate[]): EvalEstimate {
  return parts.reduce((a, b) => ({ rows: a.rows + b.rows, answers: addStages(a.answers, b.answers), judgments: addStages(a.judgments, b.judgments) }));
}
