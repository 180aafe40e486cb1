// The training-method flags of `finetune launch` and `run` as the library's method: LoRA or all
// weights, the adapters' rank and alpha, an absolute learning rate.
import type { TrainingMethod } from '../config/index.js';

export interface TrainingMethodFlags {
  method?: 'lora' | 'full';
  loraRank?: number;
  loraAlpha?: number;
  learningRate?: number;
}

/** The method the flags ask for, or nothing when none of them is given. */
export function trainingMethodOf(flags: TrainingMethodFlags): { method?: TrainingMethod } {
  const method: TrainingMethod = {
    ...(flags.method !== undefined ? { type: flags.method } : {}),
    ...(flags.loraRank !== undefined ? { loraRank: flags.loraRank } : {}),
    ...(flags.loraAlpha !== undefined ? { loraAlpha: flags.loraAlpha } : {}),
    ...(flags.learningRate !== undefined ? { learningRate: flags.learningRate } : {}),
  };
  return Object.keys(method).length > 0 ? { method } : {};
}
