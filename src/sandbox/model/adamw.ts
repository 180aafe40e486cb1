// AdamW with decoupled weight decay, and optional row masks so that only some embedding rows move.
import { tf } from './backend.js';

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  weightDecay?: number;
}

export interface TrainableParam {
  name: string;
  variable: tf.Variable;
  /** [rows, 1] of 0/1: only rows with 1 are updated (the `row` fine-tuning mode). */
  rowMask?: tf.Tensor;
}

export class AdamW {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;

  constructor(
    readonly params: readonly TrainableParam[],
    options: AdamWOptions = {},
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.01;
    this.m = params.map((p) => tf.variable(tf.zerosLike(p.variable), false));
    this.v = params.map((p) => tf.variable(tf.zerosLike(p.variable), false));
  }

  /** One update; `grads` maps parameter names to gradients. */
  step(grads: Record<string, tf.Tensor>, learningRate: number): void {
    this.t += 1;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    tf.tidy(() => {
      this.params.forEach((p, i) => {
        const g = grads[p.name];
        if (!g) return;
        const m = this.m[i]!;
        const v = this.v[i]!;
        m.assign(m.mul(this.beta1).add(g.mul(1 - this.beta1)));
        v.assign(v.mul(this.beta2).add(g.square().mul(1 - this.beta2)));
        let update = m.div(c1).div(v.div(c2).sqrt().add(this.epsilon));
        // Decay matrices only; biases and norms keep their scale.
        if (p.variable.rank >= 2 && this.weightDecay > 0) update = update.add(p.variable.mul(this.weightDecay));
        if (p.rowMask) update = update.mul(p.rowMask);
        p.variable.assign(p.variable.sub(update.mul(learningRate)));
      });
    });
  }

  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
