// The figures of any stored run, as its report draws them: an experiment's own figures, or one
// per judge column and label for an `eval` run (or a run of an experiment this weirdgen lacks).
import type { RowTable, RunSummary } from '../analysis/index.js';
import { allQuestions, type EvalDefinition, type ScoredRow } from '../eval/index.js';
import type { FigureInput, StatRow } from '../report/index.js';
import { WeirdgenError } from '../util/errors.js';
import type { RunnableExperiment } from './experiment.js';
import { experimentTables } from './category-summary.js';
import { auditModelRows } from './dishes-figures.js';
import { runFigures } from './figures.js';
import { ratingRanges, type RatingRange } from './rating-scale.js';
import { findRunnable } from './registry.js';
import { unrecoveredQuestionInfo, type StoredQuestionInfo } from './stored-questions.js';
import { summaryFigures } from './summary-figures.js';

/** The experiment's figures of a stored run, with the conditions and categories recovered for it; `missing` gets what could not be drawn. */
function experimentFigures(experiment: RunnableExperiment, rows: RowTable, definition: EvalDefinition, questions: StoredQuestionInfo, ratings: ReadonlyMap<string, RatingRange>, missing: string[], answers?: () => Iterable<ScoredRow>): Drawn {
  missing.push(...questions.missing);
  const context = { experiment, rows, groups: Object.keys(definition.groups), conditions: questions.conditions, categories: questions.categories, ratings, ...(answers ? { answers } : {}) };
  try {
    const figures = runFigures(context);
    return { figures, tables: [...experimentTables(context, figures), ...auditModelRows(context)], missing };
  } catch (e) {
    if (!(e instanceof WeirdgenError)) throw e;
    missing.push(`the experiment’s figures: ${e.message}`);
    return { figures: [], tables: [], missing };
  }
}

interface Drawn {
  figures: FigureInput[];
  /** Tables the experiment declares beside its figures. */
  tables: { title: string; rows: StatRow[] }[];
  missing: string[];
}

/**
 * The figures of a stored run from its rows and summary; `missing` says what could not be drawn.
 * `questions` (from `storedQuestionInfo` with the workspace's fetch options) gives the conditions'
 * labels and the questions' categories as `run` drew them; without it conditions are named by
 * their ids and trigger-pair figures show numbered sets of questions. `answers` streams the rows
 * with their text, for figures that read it (an audit's scores); without it they are not drawn.
 */
export function storedRunFigures(rows: RowTable, summary: RunSummary, definition: EvalDefinition, questions?: StoredQuestionInfo, answers?: () => Iterable<ScoredRow>): Drawn {
  const experiment = definition.experiment !== undefined ? findRunnable(definition.experiment) : undefined;
  const ratings = ratingRanges(allQuestions(definition));
  const missing: string[] = [];
  const info = questions ?? unrecoveredQuestionInfo(definition, 'the experiment’s files were not read');
  if (experiment) return experimentFigures(experiment, rows, definition, info, ratings, missing, answers);
  return { figures: summaryFigures(summary.summaries, Object.keys(definition.groups), ratings), tables: [], missing };
}
