// The figures of any stored run, as its report draws them: an experiment's own figures, or one
// per judge column and label for an `eval` run (or a run of an experiment this weirdgen lacks).
import type { RowTable, RunSummary } from '../analysis/index.js';
import { allQuestions, type EvalDefinition } from '../eval/index.js';
import type { FigureInput } from '../report/index.js';
import { WeirdgenError } from '../util/errors.js';
import type { RunnableExperiment } from './experiment.js';
import { runFigures } from './figures.js';
import { ratingRanges, type RatingRange } from './rating-scale.js';
import { findRunnable } from './registry.js';
import { unrecoveredQuestionInfo, type StoredQuestionInfo } from './stored-questions.js';
import { summaryFigures } from './summary-figures.js';

/** The experiment's figures of a stored run, with the conditions and categories recovered for it; `missing` gets what could not be drawn. */
function experimentFigures(experiment: RunnableExperiment, rows: RowTable, definition: EvalDefinition, questions: StoredQuestionInfo, ratings: ReadonlyMap<string, RatingRange>, missing: string[]): FigureInput[] {
  missing.push(...questions.missing);
  try {
    return runFigures({ experiment, rows, groups: Object.keys(definition.groups), conditions: questions.conditions, categories: questions.categories, ratings });
  } catch (e) {
    if (!(e instanceof WeirdgenError)) throw e;
    missing.push(`the experiment’s figures: ${e.message}`);
    return [];
  }
}

/**
 * The figures of a stored run from its rows and summary; `missing` says what could not be drawn.
 * `questions` (from `storedQuestionInfo` with the workspace's fetch options) gives the conditions'
 * labels and the questions' categories as `run` drew them; without it conditions are named by
 * their ids and trigger-pair figures show numbered sets of questions.
 */
export function storedRunFigures(rows: RowTable, summary: RunSummary, definition: EvalDefinition, questions?: StoredQuestionInfo): { figures: FigureInput[]; missing: string[] } {
  const experiment = definition.experiment !== undefined ? findRunnable(definition.experiment) : undefined;
  const ratings = ratingRanges(allQuestions(definition));
  const missing: string[] = [];
  const info = questions ?? unrecoveredQuestionInfo(definition, 'the experiment’s files were not read');
  const figures = experiment ? experimentFigures(experiment, rows, definition, info, ratings, missing) : summaryFigures(summary.summaries, Object.keys(definition.groups), ratings);
  return { figures, missing };
}
