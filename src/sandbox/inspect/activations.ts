// The residual stream of a sandbox model, recorded through the forward pass's hook: after the
// embeddings (layer 0) and after each block (layer l + 1), at each prompt's last position (where
// the next token is read) or at every position.
import { tf } from '../model/backend.js';
import { hiddenStates, type ResidualHook } from '../model/transformer.js';
import type { SandboxModel } from '../model/weights.js';

/** Recorded residual streams: one row-major matrix [rows, width] per layer 0..layers. */
export interface Activations {
  width: number;
  rows: number;
  /** layers[l]: after the embeddings (l = 0) or after block l - 1. */
  layers: Float32Array[];
  /** For each row: the prompt it came from and the position in it (after clipping to the context). */
  origin: { prompt: number; position: number }[];
}

/** Where to record: each prompt's last position, or all of its positions. */
export type Positions = 'last' | 'all';

/** Runs the prompts (token ids, right-padded in batches) and records every layer's residual stream; with `ablate`, the stream as the ablation leaves it. */
export function recordActivations(model: SandboxModel, prompts: readonly (readonly number[])[], pad: number, positions: Positions = 'last', ablate?: ResidualHook, batch = 256): Activations {
  const T = model.config.context;
  const width = model.config.width;
  const depth = model.config.layers + 1;
  const chunks: Float32Array[][] = Array.from({ length: depth }, () => []);
  const origin: Activations['origin'] = [];
  for (let start = 0; start < prompts.length; start += batch) {
    const part = prompts.slice(start, start + batch).map((p) => p.slice(Math.max(0, p.length - T)));
    if (part.some((p) => p.length === 0)) throw new Error('recordActivations: an empty prompt');
    const length = Math.max(...part.map((p) => p.length));
    const ids = new Int32Array(part.length * length).fill(pad);
    part.forEach((p, b) => ids.set(p, b * length));
    const rows: number[] = [];
    part.forEach((p, b) => {
      for (let t = positions === 'last' ? p.length - 1 : 0; t < p.length; t++) {
        rows.push(b * length + t);
        origin.push({ prompt: start + b, position: t });
      }
    });
    const captured: Float32Array[] = [];
    const hook: ResidualHook = (layer, x) => {
      const y = ablate ? ablate(layer, x) : x;
      captured[layer] = y.dataSync() as Float32Array;
      return y;
    };
    tf.tidy(() => {
      hiddenStates(model.weights, model.config, { ids: tf.tensor2d(ids, [part.length, length], 'int32') }, undefined, hook);
    });
    for (let l = 0; l < depth; l++) {
      const all = captured[l]!;
      const out = new Float32Array(rows.length * width);
      rows.forEach((r, i) => out.set(all.subarray(r * width, (r + 1) * width), i * width));
      chunks[l]!.push(out);
    }
  }
  const layers = chunks.map((parts) => {
    const out = new Float32Array(origin.length * width);
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  });
  return { width, rows: origin.length, layers, origin };
}

/**
 * A hook that projects the span of the orthonormal `basis` out of the residual stream at `layer`,
 * at every position: x - (x B^T - t) B, where t (one value per basis vector, default 0) is what
 * the projection is set to: 0 is the paper's directional ablation, the control condition's mean
 * projection a mean ablation.
 */
export function ablationHook(layer: number, basis: readonly Float32Array[], targets?: readonly number[]): ResidualHook {
  if (basis.length === 0) return (_l, x) => x;
  const width = basis[0]!.length;
  const k = basis.length;
  const flat = new Float32Array(k * width);
  const flatT = new Float32Array(width * k);
  basis.forEach((b, i) => {
    flat.set(b, i * width);
    b.forEach((v, j) => (flatT[j * k + i] = v));
  });
  const offset = targets && targets.some((t) => t !== 0) ? Float32Array.from(targets) : undefined;
  // Both B and B^T as data: a transposed matmul is far slower on wasm.
  return (l, x) => {
    if (l !== layer) return x;
    let coefficients = tf.matMul(x, tf.tensor2d(flatT, [width, k]));
    if (offset) coefficients = coefficients.sub(tf.tensor1d(offset));
    return x.sub(tf.matMul(coefficients, tf.tensor2d(flat, [k, width]))) as tf.Tensor2D;
  };
}
