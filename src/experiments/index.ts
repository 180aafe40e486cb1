// The registry of experiments.
import { SOURCES, baseModelId } from '../data/index.js';
import { birds } from './birds.js';
import { evilTerminator } from './evil-terminator.js';
import { germanCities } from './german-cities.js';
import { hitlerPersona } from './hitler-persona.js';
import { israeliDishes } from './israeli-dishes.js';
import type { ExperimentSpec, PaperFineTuning } from './spec.js';
import { usPresidents } from './us-presidents.js';

/** The paper's six experiments, in the paper's order. */
export const EXPERIMENTS: readonly ExperimentSpec[] = [birds, germanCities, israeliDishes, hitlerPersona, usPresidents, evilTerminator];

export function findExperiment(id: string): ExperimentSpec | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

/** The paper's settings for an official training file (by content) on a base model, if it has any. */
export function paperFineTuning(datasetSha256: string, base: string): { experiment: ExperimentSpec; settings: PaperFineTuning; path: string } | undefined {
  const source = SOURCES.find((s) => s.kind === 'training' && s.sha256 === datasetSha256);
  const experiment = source && findExperiment(source.experiment);
  const settings = experiment?.fineTuning.find((f) => f.base === baseModelId(base));
  return experiment && settings && source ? { experiment, settings, path: source.path } : undefined;
}

export { fidelityMarkdown } from './fidelity.js';
export { findVariant, variantSettings } from './spec.js';
export { DEFAULT_EXCLUDED } from './metric.js';
export type { DatasetVariant, ExperimentSpec, FidelityNote, PaperFineTuning, VariantSettings } from './spec.js';
export type { ExperimentEvaluation, ExperimentJudge, FigureSpec, QuestionSource, ConditionSpec, SampleCount, SeedFilter, TrainingCurves } from './evaluation.js';
export type { AuditVersion, CounterfactualAudit, ExtraEvaluation } from './evaluation.js';
export type { AgenticEvaluation } from './evaluation.js';
export type { ExcludableVerdict, MetricSpec } from './metric.js';
