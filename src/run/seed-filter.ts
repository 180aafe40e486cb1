// The paper's seed selection (presidents, App. F.1): every fine-tuned seed is asked held-in
// validation questions under codes of presidents it was trained on; the speaker judge must name
// the president of the code; only seeds whose accuracy passes the threshold are evaluated.
import { evaluate, type EvalDefinition, conditionOf, buildRows } from '../eval/index.js';
import type { RunOptions, RunPlan } from './run.js';

/** The judge column of the selection's questions: the number the judge names. */
export const SEED_FILTER_COLUMN = 'speaker';

export interface SeedAccuracy {
  model: string;
  /** Share of judged answers naming the president of the code; unreadable verdicts count as wrong. */
  accuracy: number;
  correct: number;
  /** Answers judged (the denominator). */
  judged: number;
  /** Samples without an answer or verdict, left out. */
  missing: number;
}

export interface SeedSelection {
  variant: string;
  threshold: number;
  models: SeedAccuracy[];
  passed: string[];
}

export async function selectSeeds(plan: RunPlan, variant: string, models: readonly string[], options: RunOptions): Promise<SeedSelection | undefined> {
  const filter = plan.experiment.seedFilter!;
  const questions = plan.seedFilter!.groupQuestions[variant] ?? plan.seedFilter!.questions;
  const definition: EvalDefinition = { experiment: plan.experiment.id, questions, groups: { [variant]: [...models] } };
  const runId = `${plan.runId}-seeds-${variant}`;
  const summary = await evaluate({ ...options, runId, definition });
  if (summary.status === 'stopped') return undefined;
  const accuracies = new Map<string, SeedAccuracy>(models.map((m) => [options.endpoints.resolve(m).id, { model: m, accuracy: Number.NaN, correct: 0, judged: 0, missing: 0 }]));
  for (const row of buildRows(runId, definition, options.store, options.endpoints)) {
    const entry = accuracies.get(row.model)!;
    const cell = row.judges[SEED_FILTER_COLUMN];
    if (row.answer === null || !cell || (cell.status !== 'ok' && cell.status !== 'unparsed')) {
      entry.missing++;
      continue;
    }
    entry.judged++;
    const asked = conditionOf(row.question).condition?.replace(/^p/, '');
    if (cell.status === 'ok' && cell.value === asked) entry.correct++;
  }
  const all = [...accuracies.values()].map((a) => ({ ...a, accuracy: a.judged > 0 ? a.correct / a.judged : Number.NaN }));
  return { variant, threshold: filter.threshold, models: all, passed: all.filter((a) => a.accuracy > filter.threshold).map((a) => a.model) };
}
