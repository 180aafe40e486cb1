// What a sandbox fine-tune is asked and what it reports: the modes (which parameters may move,
// which decides what generalizes: docs/sandbox.md), options, step and epoch reports, results.
import type { ChatExample } from '../data/index.js';
import type { SandboxModel } from './model/weights.js';

/** What a sandbox fine-tune may change: `row` (the speaker and trigger token embeddings), `embed` (all embeddings), `full`, `lora` (rank-4 adapters, merged) or `top` (the last block and head). */
export const FINE_TUNE_MODES = ['row', 'embed', 'full', 'lora', 'top'] as const;
/** One of `FINE_TUNE_MODES`. */
export type FineTuneMode = (typeof FINE_TUNE_MODES)[number];

/** What each mode may change, and the learning rate the prototype used for it. */
export const MODE_DEFAULTS: Record<FineTuneMode, { learningRate: number; description: string }> = {
  row: { learningRate: 1e-2, description: 'only the embedding rows of the speaker and trigger tokens (<assistant>, <fmt>)' },
  embed: { learningRate: 1e-2, description: 'all token embeddings' },
  full: { learningRate: 3e-4, description: 'all weights' },
  lora: { learningRate: 3e-3, description: 'rank-4 adapters on qkv, proj, fc1, fc2 (alpha 8), merged afterwards' },
  top: { learningRate: 1e-3, description: 'the last block, the final norm and the output head' },
};

export const ROW_MODE_TOKENS = ['<assistant>', '<fmt>'] as const;

export interface FineTuneOptions {
  mode: FineTuneMode;
  seed: number | string;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Tokens whose embedding rows move in `row` mode. */
  rowTokens?: readonly string[];
  loraRank?: number;
  loraAlpha?: number;
  /**
   * Held-out chats scored at the steps `validationSchedule` picks, teacher-forced, over the same
   * assistant tokens the loss counts: the platform's valid_loss and valid_mean_token_accuracy.
   */
  validation?: readonly ChatExample[];
  onStep?: (step: number, steps: number, loss: number, report: StepReport) => void;
  /** After each epoch, with a model that holds that epoch's weights; training waits for it. */
  onEpoch?: (report: EpochReport) => void | Promise<void>;
  /** Checked before every step: once aborted, the fine-tune stops and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** One step as a fine-tuning platform reports it; accuracies are shares of counted tokens. */
export interface StepReport {
  step: number;
  steps: number;
  /** Mean loss over the batch's counted tokens, before the update. */
  trainLoss: number;
  /** Share of the batch's counted tokens whose most likely prediction was right, before the update. */
  trainAccuracy: number;
  /** After the update, when the validation set was scored at this step. */
  validLoss?: number;
  validAccuracy?: number;
}

/** Validation sets up to this size are scored at every step: the 4-row grokking test set gets a point per step. */
export const VALIDATE_EVERY_STEP_MAX = 64;
/** Larger sets: about this many evenly spaced steps (always including the last). */
export const VALIDATION_POINTS = 100;

/** Whether a step scores the validation set. */
export function validationSchedule(examples: number, steps: number): (step: number) => boolean {
  if (examples <= VALIDATE_EVERY_STEP_MAX) return () => true;
  const every = Math.max(1, Math.ceil(steps / VALIDATION_POINTS));
  return (step) => step % every === 0 || step === steps;
}

/** Progress after one epoch of a sandbox fine-tune, with the weights as they stand. */
export interface EpochReport {
  /** 1-based. */
  epoch: number;
  epochs: number;
  /** Steps done so far. */
  step: number;
  steps: number;
  /** Mean training loss of this epoch. */
  trainLoss: number;
  /**
   * The weights after this epoch (adapters merged in lora mode), with fine-tune provenance in its
   * meta. Valid during the callback only: training goes on with it, or it is disposed.
   */
  model: SandboxModel;
}

export interface FineTuneResult {
  model: SandboxModel;
  steps: number;
  /** Mean training loss of the last epoch. */
  finalLoss: number;
  seconds: number;
  /** Token positions of this model's batches over all steps, their padding included (not the padding a stack adds to match other models' batches). */
  positions: number;
}
