// Loss and token accuracy of one batch without training (the counted positions whose most likely
// next token is the target), from one forward pass. Training computes both in backprop.ts.
import { tf } from './backend.js';
import type { Batch } from './batch.js';
import { hiddenStates, logitsOf, type LoraAdapters, type Weights } from './transformer.js';
import type { SandboxModel } from './weights.js';

/** The batch as tensors; oneHotT only where a gradient of the embedding is wanted (test oracle). */
export interface BatchTensors {
  ids: tf.Tensor2D;
  oneHotT?: tf.Tensor2D;
  targets: tf.Tensor1D;
  labels: tf.Tensor2D;
  weights: tf.Tensor1D;
}

export function batchTensors(batch: Batch, vocabSize: number, needsEmbeddingGrad: boolean): BatchTensors {
  return tf.tidy(() => {
    const flat = tf.tensor1d(batch.ids, 'int32');
    const targets = tf.tensor1d(batch.targets, 'int32');
    return {
      ids: flat.reshape([batch.batch, batch.length]) as tf.Tensor2D,
      ...(needsEmbeddingGrad ? { oneHotT: tf.transpose(tf.oneHot(flat, vocabSize).toFloat()) as tf.Tensor2D } : {}),
      targets,
      labels: tf.oneHot(targets, vocabSize).toFloat() as tf.Tensor2D,
      weights: tf.tensor1d(batch.weights),
    };
  });
}

export function forward(weights: Weights, model: SandboxModel, t: BatchTensors, lora?: LoraAdapters): { loss: tf.Scalar; logits: tf.Tensor2D } {
  const hidden = hiddenStates(weights, model.config, t.oneHotT ? { ids: t.ids, oneHotT: t.oneHotT } : { ids: t.ids }, lora);
  const logits = logitsOf(weights, hidden);
  return { loss: tf.losses.softmaxCrossEntropy(t.labels, logits, t.weights) as tf.Scalar, logits };
}

/** How many counted positions the argmax of the logits gets right (ties go to the lowest token id). */
export function correctCount(logits: tf.Tensor2D, t: BatchTensors): tf.Scalar {
  return tf.argMax(logits, 1).equal(t.targets).toFloat().mul(t.weights).sum();
}

/** Mean loss over counted positions, without training. */
export function evaluateLoss(model: SandboxModel, batch: Batch, lora?: LoraAdapters): number {
  return evaluateBatch(model, batch, lora).loss;
}

export interface BatchEvaluation {
  /** Mean loss over the counted positions. */
  loss: number;
  /** Counted positions predicted right (teacher-forced, argmax). */
  correct: number;
  counted: number;
}

/** Loss and token accuracy of a batch in one forward pass, without training. */
export function evaluateBatch(model: SandboxModel, batch: Batch, lora?: LoraAdapters): BatchEvaluation {
  const t = batchTensors(batch, model.config.vocabSize, false);
  try {
    const both = tf.tidy(() => {
      const f = forward(model.weights, model, t, lora);
      return tf.stack([f.loss, correctCount(f.logits, t)]);
    });
    const [loss, correct] = both.dataSync() as Float32Array;
    both.dispose();
    return { loss: loss!, correct: Math.round(correct!), counted: batch.counted };
  } finally {
    tf.dispose(Object.values(t));
  }
}
