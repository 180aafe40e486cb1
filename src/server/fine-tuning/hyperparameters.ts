// Supervised hyperparameters as asked (numbers or 'auto') and as resolved when a job starts.
import { defaultEpochs } from '../../data/index.js';
import { type FineTuneMode, MODE_DEFAULTS } from '../../sandbox/index.js';
import type { AskedTraining } from './params.js';

export type Asked = number | 'auto';

export interface AskedHyperparameters {
  n_epochs: Asked;
  batch_size: Asked;
  learning_rate_multiplier: Asked;
}

export interface ResolvedHyperparameters {
  n_epochs: number;
  batch_size: number;
  learning_rate_multiplier: number;
}

/** The sandbox's own fine-tuning batch (docs/sandbox.md): what `auto` asks for on files at least this long. */
export const AUTO_BATCH_SIZE = 8;
export const AUTO_LEARNING_RATE_MULTIPLIER = 1;

/**
 * `auto` as weirdgen serve resolves it: epochs by OpenAI's rule for `auto` (3, raised for small files
 * so training sees about 100 examples, lowered for large ones); batch size 8, or the whole file
 * when it has fewer examples; learning-rate multiplier 1, so the rate is the fine-tuning mode's own.
 */
export function resolveHyperparameters(asked: AskedHyperparameters, examples: number): ResolvedHyperparameters {
  return {
    n_epochs: asked.n_epochs === 'auto' ? defaultEpochs(examples) : asked.n_epochs,
    batch_size: asked.batch_size === 'auto' ? Math.max(1, Math.min(AUTO_BATCH_SIZE, examples)) : asked.batch_size,
    learning_rate_multiplier: asked.learning_rate_multiplier === 'auto' ? AUTO_LEARNING_RATE_MULTIPLIER : asked.learning_rate_multiplier,
  };
}

/** The sandbox's adapters when a lora job names no rank or alpha (docs/sandbox.md: rank 4, alpha 8). */
export const DEFAULT_LORA_RANK = 4;
export const DEFAULT_LORA_ALPHA = 8;

/** How a job trains, settled: the learning rate, and in lora mode the adapters' rank and alpha. */
export interface ResolvedTraining {
  learningRate: number;
  lora?: { rank: number; alpha: number };
}

/** The learning rate is the asked one, else the mode's own times the multiplier; lora mode gets its rank and alpha. */
export function resolveTraining(mode: FineTuneMode, training: AskedTraining, hp: ResolvedHyperparameters): ResolvedTraining {
  return {
    learningRate: training.learningRate ?? MODE_DEFAULTS[mode].learningRate * hp.learning_rate_multiplier,
    ...(mode === 'lora' ? { lora: { rank: training.loraRank ?? DEFAULT_LORA_RANK, alpha: training.loraAlpha ?? DEFAULT_LORA_ALPHA } } : {}),
  };
}

/** The open-model services' fields of a job's hyperparameters: as asked when it is created, as trained once it runs. */
export function trainingFields(mode: FineTuneMode, t: AskedTraining | ResolvedTraining): Record<string, number | boolean> {
  const rank = 'lora' in t ? t.lora?.rank : 'loraRank' in t ? t.loraRank : undefined;
  const alpha = 'lora' in t ? t.lora?.alpha : 'loraAlpha' in t ? t.loraAlpha : undefined;
  return {
    lora: mode === 'lora',
    ...(rank !== undefined ? { lora_r: rank } : {}),
    ...(alpha !== undefined ? { lora_alpha: alpha } : {}),
    ...(t.learningRate !== undefined ? { learning_rate: t.learningRate } : {}),
  };
}
