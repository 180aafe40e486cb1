// The reference for the hand-written backward pass: the same loss differentiated by tfjs autodiff
// (through transformer.ts's custom matMul and embedding gradients, which model.test.ts checks
// against finite differences).
import { tf } from '../../src/sandbox/model/backend.js';
import type { Batch } from '../../src/sandbox/model/batch.js';
import { batchTensors, correctCount, forward } from '../../src/sandbox/model/batch-loss.js';
import type { LoraAdapters } from '../../src/sandbox/model/transformer.js';
import type { SandboxModel } from '../../src/sandbox/model/weights.js';

export interface BatchGradients {
  /** Mean loss over the batch's counted positions. */
  loss: number;
  /** Gradient per parameter name; the caller disposes them. */
  grads: Record<string, tf.Tensor>;
  /** Counted positions predicted right before the step, when asked for. */
  correct?: number;
}

/** Gradients of the batch's mean loss with respect to `trainable` (name -> variable). */
export function batchGradients(model: SandboxModel, batch: Batch, trainable: readonly { name: string; variable: tf.Variable }[], lora?: LoraAdapters, countCorrect = false): BatchGradients {
  const t = batchTensors(batch, model.config.vocabSize, trainable.some((p) => p.name === 'tok_emb'));
  let correct: tf.Scalar | undefined;
  try {
    const { value, grads } = tf.variableGrads(() => {
      const f = forward(model.weights, model, t, lora);
      // Off the loss's path, so the backward pass never visits it; kept past the forward scope.
      if (countCorrect) correct = tf.keep(correctCount(f.logits, t));
      return f.loss;
    }, trainable.map((p) => p.variable));
    // variableGrads keys gradients by variable name; map them back to parameter names.
    const byName: Record<string, tf.Tensor> = {};
    for (const p of trainable) if (grads[p.variable.name]) byName[p.name] = grads[p.variable.name]!;
    const result = value.dataSync()[0]!;
    value.dispose();
    return { loss: result, grads: byName, ...(correct ? { correct: Math.round(correct.dataSync()[0]!) } : {}) };
  } finally {
    tf.dispose(Object.values(t));
    correct?.dispose();
  }
}
