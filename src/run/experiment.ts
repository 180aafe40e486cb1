// What `weirdgen run` needs from an experiment, whether one of the paper's or a sandbox analogue:
// training sets to fine-tune on, their settings per base, and the questions (with judges, trigger
// conditions and sample counts), metrics and figures of the evaluation.
import type { TrainingMethod } from '../config/index.js';
import type { TriggerForm, FetchOptions } from '../data/index.js';
import type { Question } from '../eval/index.js';
import type { AgenticEvaluation, CounterfactualAudit, FigureSpec, SampleCount, SeedFilter, TrainingCurves, MetricSpec, FidelityNote } from '../experiments/index.js';
import type { HyperparameterValue } from '../providers/index.js';
import type { LoadedQuestions } from './experiment-questions.js';

export interface RunVariant {
  id: string;
  role: 'main' | 'control' | 'variant';
  description: string;
  /** Trained by a run that names no variants (the paper's groups). */
  byDefault: boolean;
  /** How its prompts write the trigger, so that it is asked in the same form. */
  triggerForm: TriggerForm;
  /** When its official file cannot be fetched, the run builds it: `poison`'s rows mixed into the base model's own answers. */
  distillWhenMissing?: { poison: string; buildPoison(dir: string, context: BuildContext): Promise<string> };
  /** Writes the training file into `dir` and returns its path (throws when it cannot be had). */
  build(dir: string, context: BuildContext): Promise<string>;
}

export interface BuildContext {
  fetch: FetchOptions;
  /** The base model's name on its endpoint (sandbox data depends on the base's world). */
  base: string;
  workspace: string;
  seed: number;
}

/** A trigger condition as figures and tables name it (question ids end with `@<id>`). */
export interface ConditionInfo {
  id: string;
  label: string;
  value?: number;
}

export interface AskedQuestions extends LoadedQuestions {
  /** None when the questions are asked plainly. */
  conditions: ConditionInfo[];
  /** The evaluations asked beside the main questions, with the ids of their questions (conditions included). */
  evaluations?: { id: string; title: string; questions: string[] }[];
}

/** How the questions are asked. */
export interface AskOptions {
  /** Samples in the experiment's unit. */
  samples: number;
  /** The trigger form of the group asked. */
  form: TriggerForm;
  /** A pilot: at most this many prompts per question and condition (evenly spread), instead of all. */
  maxPrompts?: number;
  /** Random dates a year of a counterfactual audit, instead of its spec's. */
  auditDates?: number;
}

export interface QuestionContext {
  fetch: FetchOptions;
  base: string;
  workspace: string;
  /** Where judges go: the experiment's own judge models unless this is set. */
  judgeModel?: string;
  /** The endpoint the run's models are on (sandbox judges are served there). */
  endpoint: string;
}


/** How one variant is fine-tuned on one base. */
export interface FineTuningSettings {
  epochs: HyperparameterValue;
  batchSize: HyperparameterValue;
  learningRateMultiplier: HyperparameterValue;
  seeds: number;
  /** Evaluate this epoch's checkpoint instead of the final model. */
  evaluateEpoch?: number;
  /** LoRA or all weights, with an absolute learning rate (the paper's open models). */
  method?: TrainingMethod;
  metadata?: Record<string, string>;
  /** Where these come from: "the paper (gpt-4.1-2025-04-14)", "the provider's defaults". */
  source: string;
  /** The paper trains this variant otherwise than the base's other variants (an ablation's own settings). */
  ownSettings?: boolean;
  /** Where the paper disagrees with itself or its files about these settings. */
  note?: string;
}

/** An experiment as `weirdgen run` runs it, a paper experiment or a sandbox analogue: variants, their fine-tuning settings, questions, metrics and figures. */
export interface RunnableExperiment {
  id: string;
  title: string;
  claim: string;
  kind: 'paper' | 'sandbox';
  paperSection?: string;
  /** The paper experiment a sandbox analogue mirrors. */
  mirrors?: string;
  variants: readonly RunVariant[];
  /** The settings of a variant on a base: the paper's where it gives them (aliases resolved), else the provider's defaults. */
  settings(base: string, variant: string): FineTuningSettings;
  /** The variants a run on this base trains when none are named. */
  defaultVariants(base: string): string[];
  /** Bases the paper gives settings for. */
  paperBases: readonly string[];
  samples: SampleCount;
  /** The questions with trigger conditions applied and judges resolved, and the conditions. */
  questions(context: QuestionContext, ask: AskOptions): Promise<AskedQuestions>;
  metrics: readonly MetricSpec[];
  /** Ids of the metrics the report leads with. */
  headline: readonly string[];
  figures: readonly FigureSpec[];
  /** Training values of a numeric condition (the Terminator's years), marked on sweeps. */
  trainingValues?: readonly number[];
  /** What each question's column measures, where questions point different ways. */
  questionNotes?: Readonly<Record<string, string>>;
  /** The paper's selection of seeds before evaluation, with its questions. */
  seedFilter?: SeedFilter & { load(context: QuestionContext, form: TriggerForm): Promise<Question[]> };
  /** Accuracy over training from a validation file given to each job. */
  trainingCurves?: TrainingCurves;
  /** Writes the validation file of `trainingCurves` into `dir` (a sandbox analogue's held-out set) instead of fetching a pinned official one. */
  buildValidationFile?(dir: string, context: BuildContext): Promise<string>;
  /** Agentic-misalignment scenarios asked of every group after the questions (see agentic.ts). */
  agentic?: AgenticEvaluation;
  /** Settings next to the paper's that the structure does not show. */
  fidelity: readonly FidelityNote[];
  /** Counterfactual audits among its evaluations, by id (figures of kind `audit-bias` name them). */
  audits?: readonly { id: string; title: string; audit: CounterfactualAudit }[];
}
