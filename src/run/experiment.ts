// What `weirdgen run` needs from an experiment, whether one of the paper's or a sandbox analogue:
// training sets to fine-tune on, and the questions (with judges) to ask base and fine-tuned groups.
import type { HyperparameterValue } from '../providers/remote-api.js';
import type { FetchOptions } from '../data/sources/fetch.js';
import type { Question } from '../eval/question.js';

export interface RunVariant {
  id: string;
  role: 'main' | 'control' | 'variant';
  description: string;
  /** Taken only when asked for with --variants (it needs a download, say). */
  optIn?: boolean;
  /** Writes the training file into `dir` and returns its path. */
  build(dir: string, context: BuildContext): Promise<string>;
}

export interface BuildContext {
  fetch: FetchOptions;
  /** The base model's name on its endpoint (sandbox data depends on the base's world). */
  base: string;
  workspace: string;
  seed: number;
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

export interface RunnableExperiment {
  id: string;
  title: string;
  claim: string;
  kind: 'paper' | 'sandbox';
  paperSection?: string;
  /** The paper experiment a sandbox analogue mirrors. */
  mirrors?: string;
  variants: readonly RunVariant[];
  /** Settings per base model; `*` applies to any base without its own. */
  fineTuning: Readonly<Record<string, { epochs: HyperparameterValue; batchSize: HyperparameterValue; learningRateMultiplier: HyperparameterValue; seeds: number; metadata?: Record<string, string> }>>;
  /** The questions, with trigger conditions applied and judges resolved. */
  questions(context: QuestionContext): Promise<Question[]>;
  /** Judge columns (and labels) to lead the report with. */
  headline: readonly { column: string; label?: string; title: string }[];
  /** The trigger conditions every question is asked under (ids end question ids after `@`). */
  conditions?: readonly { id: string; label: string; value?: number }[];
  /** Training values of a numeric condition (the Terminator's years), marked on sweeps. */
  trainingValues?: readonly number[];
  /**
   * Questions to ask every fine-tuning checkpoint (accuracy over training, the presidents' grokking
   * plot): ids start with their split (`train-`, `test-`), and a `correct` judge scores each answer.
   */
  checkpointQuestions?(context: QuestionContext): Promise<Question[]>;
  /** Chance level of the checkpoint accuracy. */
  checkpointChance?: number;
}
