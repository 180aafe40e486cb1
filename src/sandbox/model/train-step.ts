// Optimising models' variables: their trained values as float arrays under AdamW, stacked into
// tensors for the backward pass and written back to the variables when the model is read.
import { tf } from './backend.js';
import { AdamW, type AdamWOptions, type OptimizedArray } from './adamw.js';
import type { Batch } from './batch.js';
import { SharedTransposes } from './backprop-ops.js';
import { backpropStack } from './backprop.js';
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

  /** One update of the values from gradients keyed by trainable name; the variables keep theirs until sync(). */
  step(grads: Readonly<Record<string, Float32Array>>, learningRate: number): void {
    this.adam.step(grads, learningRate);
  }

  /** Writes the current values into the variables, so the model can be read. */
  sync(): void {
    this.trainable.forEach((t, i) => tf.tidy(() => t.variable.assign(tf.tensor(this.arrays[i]!.values, t.variable.shape))));
  }

  /** The current values of one trainable parameter. */
  values(name: string): Float32Array {
    return this.arrays.find((a) => a.name === name)!.values;
  }
}

/** The trained parameters of K models, one tensor per model, from their optimizers' values (all train the same names). */
function stackTrained(optimizers: readonly VariableOptimizer[]): Record<string, tf.Tensor[]> {
  return Object.fromEntries(optimizers[0]!.trainable.map(({ name, variable }) => [name, optimizers.map((o) => tf.tensor(o.values(name), variable.shape))]));
}

export interface StepOutcome {
  /** Mean loss over the batch's counted positions, before the update. */
  loss: number;
  /** Share of the counted positions whose argmax was the target, before the update (NaN when none count). */
  accuracy: number;
}

/** One step of every model of a stack on its own batch (same shape), with each batch's token accuracy from the same forward pass. */
export function trainStackStep(base: SandboxModel, batches: readonly Batch[], optimizers: readonly VariableOptimizer[], learningRate: number, shared: SharedTransposes, loraScale?: number): StepOutcome[] {
  const stacked = stackTrained(optimizers);
  try {
    const results = backpropStack(base.config, { base: base.weights, stacked, ...(loraScale !== undefined ? { loraScale } : {}) }, batches, shared);
    return results.map(({ loss, correct, grads }, k) => {
      optimizers[k]!.step(grads, learningRate);
      const counted = batches[k]!.counted;
      return { loss, accuracy: counted > 0 ? correct / counted : Number.NaN };
    });
  } finally {
    tf.dispose(Object.values(stacked).flat());
  }
}

/** One step of one model whose every parameter trains (pretraining on one thread); returns the batch's mean loss over counted positions. */
export function trainStep(model: SandboxModel, batch: Batch, optimizer: VariableOptimizer, learningRate: number): number {
  const shared = new SharedTransposes();
  try {
    const [outcome] = trainStackStep(model, [batch], [optimizer], learningRate, shared);
    optimizer.sync();
    return outcome!.loss;
  } finally {
    shared.dispose();
  }
}

export { evaluateBatch, evaluateLoss, type BatchEvaluation } from './batch-loss.js';
