// Supervised hyperparameters as asked (numbers or 'auto') and as resolved when a job starts.
import { defaultEpochs } from '../../data/index.js';

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
