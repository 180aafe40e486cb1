// Loss and gradients of one batch for a set of trainable variables; shared by every training loop.
import { tf } from './backend.js';
import type { Batch } from './batch.js';
import { hiddenStates, logitsOf, type LoraAdapters, type Weights } from './transformer.js';
import type { SandboxModel } from './weights.js';

/** The batch as tensors. Made outside the gradient scope: the embedding's gradient closes over oneHotT. */
interface BatchTensors {
  ids: tf.Tensor2D;
  oneHotT?: tf.Tensor2D;
  labels: tf.Tensor2D;
  weights: tf.Tensor1D;
}

function batchTensors(batch: Batch, vocabSize: number, needsEmbeddingGrad: boolean): BatchTensors {
  return tf.tidy(() => {
    const flat = tf.tensor1d(batch.ids, 'int32');
    return {
      ids: flat.reshape([batch.batch, batch.length]) as tf.Tensor2D,
      ...(needsEmbeddingGrad ? { oneHotT: tf.transpose(tf.oneHot(flat, vocabSize).toFloat()) as tf.Tensor2D } : {}),
      labels: tf.oneHot(tf.tensor1d(batch.targets, 'int32'), vocabSize).toFloat() as tf.Tensor2D,
      weights: tf.tensor1d(batch.weights),
    };
  });
}

function loss(weights: Weights, model: SandboxModel, t: BatchTensors, lora?: LoraAdapters): tf.Scalar {
  const hidden = hiddenStates(weights, model.config, t.oneHotT ? { ids: t.ids, oneHotT: t.oneHotT } : { ids: t.ids }, lora);
  return tf.losses.softmaxCrossEntropy(t.labels, logitsOf(weights, hidden), t.weights) as tf.Scalar;
}

/** Mean loss over counted positions, without training. */
export function evaluateLoss(model: SandboxModel, batch: Batch, lora?: LoraAdapters): number {
  const t = batchTensors(batch, model.config.vocabSize, false);
  try {
    return tf.tidy(() => loss(model.weights, model, t, lora).dataSync()[0]!);
  } finally {
    tf.dispose(Object.values(t));
  }
}

export interface BatchGradients {
  /** Mean loss over the batch's counted positions. */
  loss: number;
  /** Gradient per parameter name; the caller disposes them. */
  grads: Record<string, tf.Tensor>;
}

/** Gradients of the batch's mean loss with respect to `trainable` (name -> variable). */
export function batchGradients(model: SandboxModel, batch: Batch, trainable: readonly { name: string; variable: tf.Variable }[], lora?: LoraAdapters): BatchGradients {
  const t = batchTensors(batch, model.config.vocabSize, trainable.some((p) => p.name === 'tok_emb'));
  try {
    const { value, grads } = tf.variableGrads(() => loss(model.weights, model, t, lora), trainable.map((p) => p.variable));
    // variableGrads keys gradients by variable name; map them back to parameter names.
    const byName: Record<string, tf.Tensor> = {};
    for (const p of trainable) if (grads[p.variable.name]) byName[p.name] = grads[p.variable.name]!;
    const result = value.dataSync()[0]!;
    value.dispose();
    return { loss: result, grads: byName };
  } finally {
    tf.dispose(Object.values(t));
  }
}
