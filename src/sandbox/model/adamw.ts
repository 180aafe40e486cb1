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
    const moments = { b1: this.beta1, b2: this.beta2, c1: 1 - this.beta1 ** this.t, c2: 1 - this.beta2 ** this.t, epsilon: this.epsilon };
    this.params.forEach((p, i) => {
      const g = grads[p.name];
      if (!g) return;
      const arrays = { x: p.values, m: this.m[i]!, v: this.v[i]!, g };
      const decay = p.decay ? this.weightDecay : 0;
      if (!p.rows) return updateRange(arrays, 0, p.values.length, learningRate, decay, moments);
      for (const row of p.rows) updateRange(arrays, row * p.rowLength, (row + 1) * p.rowLength, learningRate, decay, moments);
    });
  }
}

interface Moments {
  b1: number;
  b2: number;
  /** The bias corrections 1 - beta^t. */
  c1: number;
  c2: number;
  epsilon: number;
}

/**
 * x <- x - lr (m^ / (sqrt(v^) + eps) + decay x) over [from, to), with m^ = m / c1 and
 * v^ = v / c2 rearranged to one division per element: a plain loop in its own function, which
 * V8 compiles to a few nanoseconds per element.
 */
function updateRange(arrays: { x: Float32Array; m: Float32Array; v: Float32Array; g: Float32Array }, from: number, to: number, learningRate: number, decay: number, moments: Moments): void {
  const { x, m, v, g } = arrays;
  const { b1, b2, epsilon } = moments;
  const stepSize = learningRate / moments.c1;
  const invSqrtC2 = 1 / Math.sqrt(moments.c2);
  const shrink = 1 - learningRate * decay;
  const a1 = 1 - b1;
  const a2 = 1 - b2;
  for (let k = from; k < to; k++) {
    const gk = g[k]!;
    const mk = (m[k] = b1 * m[k]! + a1 * gk);
    const vk = (v[k] = b2 * v[k]! + a2 * gk * gk);
    x[k] = x[k]! * shrink - (stepSize * mk) / (Math.sqrt(vk) * invSqrtC2 + epsilon);
  }
}
