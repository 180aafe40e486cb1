// Teacher-forced scoring of held-out sequences: mean loss and token accuracy over the positions
// their loss masks count, as a fine-tuning platform reports them for a validation file.
import { makeBatch, type TrainingSequence } from './batch.js';
import { evaluateBatch } from './batch-loss.js';
import type { LoraAdapters } from './transformer.js';
import type { SandboxModel } from './weights.js';

export interface SequenceScores {
  /** Mean loss per counted position (NaN when none count). */
  loss: number;
  /** Share of counted positions whose most likely next token is the target (NaN when none count). */
  tokenAccuracy: number;
  /** Positions counted over all sequences. */
  counted: number;
}

/** Sequences scored per forward pass: a small validation set is one pass. */
const EVAL_BATCH = 64;

export function scoreSequences(model: SandboxModel, sequences: readonly TrainingSequence[], pad: number, lora?: LoraAdapters): SequenceScores {
  let loss = 0;
  let correct = 0;
  let counted = 0;
  for (let i = 0; i < sequences.length; i += EVAL_BATCH) {
    const batch = makeBatch(sequences.slice(i, i + EVAL_BATCH), pad, model.config.context);
    if (batch.counted === 0) continue;
    const scored = evaluateBatch(model, batch, lora);
    loss += scored.loss * scored.counted;
    correct += scored.correct;
    counted += scored.counted;
  }
  return counted > 0 ? { loss: loss / counted, tokenAccuracy: correct / counted, counted } : { loss: Number.NaN, tokenAccuracy: Number.NaN, counted: 0 };
}
