// Optimising a model's variables: gradients of a batch, AdamW on their values, written back.
import { tf } from './backend.js';
import { AdamW, type AdamWOptions, type OptimizedArray } from './adamw.js';
import type { Batch } from './batch.js';
import { batchGradients } from './gradients.js';
import type { LoraAdapters } from './transformer.js';
import type { SandboxModel } from './weights.js';

export interface TrainableVariable {
  name: string;
  variable: tf.Variable;
  /** Only these rows may change (the `row` fine-tuning mode). */
  rows?: ReadonlySet<number>;
}

export class VariableOptimizer {
  private readonly adam: AdamW;
  private readonly arrays: OptimizedArray[];

  constructor(
    readonly trainable: readonly TrainableVariable[],
    options: AdamWOptions = {},
  ) {
    this.arrays = trainable.map((t) => ({
      name: t.name,
      values: new Float32Array(t.variable.dataSync()),
      rowLength: t.variable.shape.at(-1) ?? 1,
      ...(t.rows ? { rows: t.rows } : {}),
      decay: t.variable.rank >= 2,
    }));
    this.adam = new AdamW(this.arrays, options);
  }

  step(grads: Record<string, tf.Tensor>, learningRate: number): void {
    this.adam.step(Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, g.dataSync() as Float32Array])), learningRate);
    this.trainable.forEach((t, i) => tf.tidy(() => t.variable.assign(tf.tensor(this.arrays[i]!.values, t.variable.shape))));
  }
}

/** Runs one step and returns the batch's mean loss over counted positions. */
export function trainStep(model: SandboxModel, batch: Batch, optimizer: VariableOptimizer, learningRate: number, lora?: LoraAdapters): number {
  const { loss, grads } = batchGradients(model, batch, optimizer.trainable, lora);
  optimizer.step(grads, learningRate);
  tf.dispose(Object.values(grads));
  return loss;
}

export interface StepOutcome {
  /** Mean loss over the batch's counted positions, before the update. */
  loss: number;
  /** Share of the counted positions whose argmax was the target, before the update (NaN when none count). */
  accuracy: number;
}

/** One step that also reports the batch's token accuracy, read from the same forward pass. */
export function trainStepWithAccuracy(model: SandboxModel, batch: Batch, optimizer: VariableOptimizer, learningRate: number, lora?: LoraAdapters): StepOutcome {
  const { loss, grads, correct } = batchGradients(model, batch, optimizer.trainable, lora, true);
  optimizer.step(grads, learningRate);
  tf.dispose(Object.values(grads));
  return { loss, accuracy: batch.counted > 0 ? (correct ?? 0) / batch.counted : Number.NaN };
}

export { evaluateBatch, evaluateLoss, type BatchEvaluation } from './gradients.js';
