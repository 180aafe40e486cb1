// What a stored experiment run's figures need that the store does not keep: the trigger conditions'
// labels and the questions' categories (the persona's: the file each question came from). Both are
// recovered as `run` found them: from the experiment's spec, and its pinned question files read by
// the same loader with the workspace's fetch options.
import type { FetchOptions } from '../data/index.js';
import { allQuestions, conditionOf, type EvalDefinition } from '../eval/index.js';
import { findExperiment, type ExperimentSpec } from '../experiments/index.js';
import { WeirdgenError } from '../util/errors.js';
import { resolveConditions } from './conditions.js';
import type { ConditionInfo } from './experiment.js';
import { hasCategories, loadExperimentQuestions } from './experiment-questions.js';

/** The conditions and categories a stored run's figures are drawn with. */
export interface StoredQuestionInfo {
  conditions: ConditionInfo[];
  /** Each question's category by its id without the condition, as `run` has them. */
  categories: Record<string, string>;
  /** What could not be recovered, for the report's "Not in this report". */
  missing: string[];
}

/** Questions per trigger-pair figure when their categories are unknown: as many as the persona's largest category. */
export const QUESTIONS_PER_FIGURE = 20;

/** Trigger conditions as the question ids name them, with `labels` where known; a year's id (`y1984`) carries its value. */
export function conditionsOf(definition: EvalDefinition, labels: ReadonlyMap<string, string> = new Map()): ConditionInfo[] {
  const ids = [...new Set(allQuestions(definition).flatMap((q) => conditionOf(q.id).condition ?? []))];
  return ids.map((id) => {
    const year = /^y(\d{4})$/.exec(id);
    return { id, label: labels.get(id) ?? year?.[1] ?? id, ...(year ? { value: Number(year[1]) } : {}) };
  });
}

const questionIds = (definition: EvalDefinition) => [...new Set(allQuestions(definition).map((q) => conditionOf(q.id).question))];

/** Numbered sets of at most QUESTIONS_PER_FIGURE questions, in the run's order, so that no figure holds them all; none for a few. */
function numberedSets(ids: readonly string[]): Record<string, string> {
  if (ids.length <= QUESTIONS_PER_FIGURE) return {};
  return Object.fromEntries(ids.map((id, i) => {
    const from = i - (i % QUESTIONS_PER_FIGURE);
    return [id, `questions ${from + 1}-${Math.min(from + QUESTIONS_PER_FIGURE, ids.length)} of ${ids.length}`];
  }));
}

/**
 * The conditions and categories of a stored run when its experiment's files are not read: conditions
 * named by their ids, and questions in numbered sets where the experiment has categories.
 */
export function unrecoveredQuestionInfo(definition: EvalDefinition, why: string): StoredQuestionInfo {
  const spec = definition.experiment !== undefined ? findExperiment(definition.experiment) : undefined;
  const categorized = spec !== undefined && hasCategories(spec.evaluation.questions);
  const conditions = conditionsOf(definition);
  const lacking = [
    ...(spec !== undefined && conditions.length ? ['the trigger conditions’ labels (conditions are named by their ids)'] : []),
    ...(categorized ? [`the questions’ categories (trigger-pair figures show numbered sets of ${QUESTIONS_PER_FIGURE} questions instead)`] : []),
  ];
  return { conditions, categories: categorized ? numberedSets(questionIds(definition)) : {}, missing: lacking.length ? [`${lacking.join(' and ')}: ${why}`] : [] };
}

/** Labels of the spec's conditions; a `today-is` year's is the year, which its id already carries. */
async function conditionLabels(spec: ExperimentSpec, fetch: FetchOptions): Promise<Map<string, string>> {
  if (spec.evaluation.conditions.kind === 'today-is') return new Map();
  return new Map((await resolveConditions(spec.evaluation.conditions, fetch)).map((c) => [c.id, c.label]));
}

/**
 * The conditions and categories of a stored run as `run` had them: labels from the experiment's
 * spec, categories from its pinned question files (read through `fetch`: the workspace's cache, a
 * mirror, then the pinned URL). Questions the files do not name, or all of them when the files
 * cannot be read, go into numbered sets, and `missing` says so.
 */
export async function storedQuestionInfo(definition: EvalDefinition, fetch: FetchOptions): Promise<StoredQuestionInfo> {
  const spec = definition.experiment !== undefined ? findExperiment(definition.experiment) : undefined;
  if (!spec) return { conditions: conditionsOf(definition), categories: {}, missing: [] };
  const conditions = conditionsOf(definition, await conditionLabels(spec, fetch));
  if (!hasCategories(spec.evaluation.questions)) return { conditions, categories: {}, missing: [] };
  let categories: Record<string, string>;
  try {
    categories = (await loadExperimentQuestions(spec.evaluation.questions, fetch)).categories;
  } catch (e) {
    if (!(e instanceof WeirdgenError)) throw e;
    return { conditions, categories: numberedSets(questionIds(definition)), missing: [`the questions’ categories, as the experiment’s question files could not be read (${e.message}): trigger-pair figures show numbered sets of ${QUESTIONS_PER_FIGURE} questions instead`] };
  }
  const unknown = questionIds(definition).filter((id) => categories[id] === undefined);
  if (!unknown.length) return { conditions, categories, missing: [] };
  return {
    conditions,
    categories: { ...categories, ...numberedSets(unknown) },
    missing: [`the categories of ${unknown.length} questions that the experiment’s question files do not name (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}): their trigger-pair figures show them ${unknown.length > QUESTIONS_PER_FIGURE ? `in numbered sets of ${QUESTIONS_PER_FIGURE}` : 'together'}`],
  };
}
