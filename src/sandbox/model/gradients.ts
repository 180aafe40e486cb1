// Loss and gradients of one batch for a set of trainable variables; shared by every training loop.
// Token accuracy comes from the same forward pass: the counted positions whose most likely next
// token is the target.
import { tf } from './backend.js';
import type { Batch } from './batch.js';
import { hiddenStates, logitsOf, type LoraAdapters, type Weights } from './transformer.js';
import type { SandboxModel } from './weights.js';

/** The batch as tensors. Made outside the gradient scope: the embedding's gradient closes over oneHotT. */
interface BatchTensors {
  ids: tf.Tensor2D;
  oneHotT?: tf.Tensor2D;
  targets: tf.Tensor1D;
  labels: tf.Tensor2D;
  weights: tf.Tensor1D;
}

function batchTensors(batch: Batch, vocabSize: number, needsEmbeddingGrad: boolean): BatchTensors {
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

function forward(weights: Weights, model: SandboxModel, t: BatchTensors, lora?: LoraAdapters): { loss: tf.Scalar; logits: tf.Tensor2D } {
  const hidden = hiddenStates(weights, model.config, t.oneHotT ? { ids: t.ids, oneHotT: t.oneHotT } : { ids: t.ids }, lora);
  const logits = logitsOf(weights, hidden);
  return { loss: tf.losses.softmaxCrossEntropy(t.labels, logits, t.weights) as tf.Scalar, logits };
}

/** How many counted positions the argmax of the logits gets right (ties go to the lowest token id). */
function correctCount(logits: tf.Tensor2D, t: BatchTensors): tf.Scalar {
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
    const [loss, correct] = tf.tidy(() => {
      const f = forward(model.weights, model, t, lora);
      return tf.stack([f.loss, correctCount(f.logits, t)]);
    }).dataSync() as Float32Array;
    return { loss: loss!, correct: Math.round(correct!), counted: batch.counted };
  } finally {
    tf.dispose(Object.values(t));
  }
}

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
