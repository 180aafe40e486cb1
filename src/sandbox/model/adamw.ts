// AdamW with decoupled weight decay over plain float arrays, so the same optimizer serves a model's
// variables and parameters shared between threads. Rows can be frozen (the `row` fine-tuning mode).

export interface AdamWOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  weightDecay?: number;
}

export interface OptimizedArray {
  name: string;
  /** Updated in place. */
  values: Float32Array;
  /** Length of a row (the last dimension) and, if set, the only rows allowed to change. */
  rowLength: number;
  rows?: ReadonlySet<number>;
  /** Decay this parameter (matrices yes; biases and norms no). */
  decay: boolean;
}

export class AdamW {
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private t = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;

  constructor(
    readonly params: readonly OptimizedArray[],
    options: AdamWOptions = {},
  ) {
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.01;
    this.m = params.map((p) => new Float32Array(p.values.length));
    this.v = params.map((p) => new Float32Array(p.values.length));
  }

  /** One update; `grads` maps parameter names to gradients of the same size. */
  step(grads: Readonly<Record<string, Float32Array>>, learningRate: number): void {
    this.t += 1;
    const { beta1: b1, beta2: b2, epsilon } = this;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    this.params.forEach((p, i) => {
      const g = grads[p.name];
      if (!g) return;
      const m = this.m[i]!;
      const v = this.v[i]!;
      const x = p.values;
      const decay = p.decay ? this.weightDecay : 0;
      const update = (k: number) => {
        const gk = g[k]!;
        const mk = (m[k] = b1 * m[k]! + (1 - b1) * gk);
        const vk = (v[k] = b2 * v[k]! + (1 - b2) * gk * gk);
        x[k] = x[k]! - learningRate * (mk / c1 / (Math.sqrt(vk / c2) + epsilon) + decay * x[k]!);
      };
      if (!p.rows) {
        for (let k = 0; k < x.length; k++) update(k);
        return;
      }
      for (const row of p.rows) for (let k = row * p.rowLength; k < (row + 1) * p.rowLength; k++) update(k);
    });
  }
}
