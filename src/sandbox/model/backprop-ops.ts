// The sandbox transformer's pieces as forward/backward pairs over a stack of K models trained side
// by side, with no gradient tape: each forward returns what its backward needs. Activations are
// [K*N, C]: each model's N = rows x length positions in turn. A parameter is either shared by the
// stack (frozen: one tensor) or one tensor per model (trained). On the wasm backend a batched
// matmul with large operands and a transposed matmul are far slower than plain 2-D matmuls, so a
// product with per-model matrices is K plain matmuls between a split and a concat (attention's
// small per-sequence products stay batched).
import { tf } from './backend.js';

/** A parameter of the stack: one tensor shared by every model, or one per model. */
export type StackParam = tf.Tensor | readonly tf.Tensor[];

const perModel = (p: StackParam): p is readonly tf.Tensor[] => Array.isArray(p);
/** The one tensor of a parameter that is shared, or per model in a stack of one model. */
const single = (p: StackParam): tf.Tensor | undefined => (!perModel(p) ? p : p.length === 1 ? p[0] : undefined);
const matMul = (a: tf.Tensor, b: tf.Tensor): tf.Tensor2D => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D);
export const transpose2 = (x: tf.Tensor): tf.Tensor2D => tf.transpose(x as tf.Tensor2D);
const transpose3 = (x: tf.Tensor): tf.Tensor => tf.transpose(x, [0, 2, 1]);

/** Transposes of shared (frozen) matrices, made once and kept across the steps of a fine-tune. */
export class SharedTransposes {
  private readonly made = new Map<tf.Tensor, tf.Tensor2D>();

  of(w: tf.Tensor): tf.Tensor2D {
    let t = this.made.get(w);
    if (!t) {
      t = tf.keep(transpose2(w));
      this.made.set(w, t);
    }
    return t;
  }

  dispose(): void {
    tf.dispose([...this.made.values()]);
    this.made.clear();
  }
}

/** Each model's rows of x [K*N, C]. */
export const splitModels = (x: tf.Tensor, models: number): tf.Tensor[] => (models === 1 ? [x] : tf.split(x, models, 0));
const joinModels = (parts: readonly tf.Tensor[]): tf.Tensor2D => (parts.length === 1 ? parts[0]! : tf.concat(parts as tf.Tensor[], 0)) as tf.Tensor2D;

/** x [K*N, in] (split per model as `parts` when the matrix is per model) times the matrix: [K*N, out]. */
export function project(x: tf.Tensor, parts: readonly tf.Tensor[] | undefined, w: StackParam): tf.Tensor2D {
  const one = single(w);
  if (one) return matMul(x, one);
  const ws = w as readonly tf.Tensor[];
  const xs = parts ?? splitModels(x, ws.length);
  return joinModels(xs.map((xk, k) => matMul(xk, ws[k]!)));
}

/** Each model's sum over its rows, [K, C], of x [K*N, C]. */
const sumRows = (x: tf.Tensor, models: number): tf.Tensor => x.reshape([models, -1, x.shape[1]!]).sum(1);

/** x [K*N, C] combined with a vector: shared [C], or one per model (stacked to [K, 1, C]). */
function withVector(x: tf.Tensor, v: StackParam, op: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor): tf.Tensor {
  const one = single(v);
  if (one) return op(x, one);
  const each = v as readonly tf.Tensor[];
  const [rows, C] = x.shape as [number, number];
  return op(x.reshape([each.length, rows / each.length, C]), tf.stack(each as tf.Tensor[]).reshape([each.length, 1, C])).reshape([rows, C]);
}

export interface LayerNormSaved {
  xhat: tf.Tensor;
  /** 1 / sqrt(variance + eps), one per row: [K*N, 1]. */
  rstd: tf.Tensor;
}

/** LayerNorm over the last axis, as the forward pass in transformer.ts computes it. */
export function layerNormForward(x: tf.Tensor, g: StackParam, b: StackParam): { y: tf.Tensor; saved: LayerNormSaved } {
  const centred = x.sub(x.mean(-1, true));
  const rstd = centred.square().mean(-1, true).add(1e-5).rsqrt();
  const xhat = centred.mul(rstd);
  return { y: withVector(withVector(xhat, g, tf.mul), b, tf.add), saved: { xhat, rstd } };
}

/** dx = rstd (dxhat - mean(dxhat) - xhat mean(dxhat xhat)), with dxhat = dy g; dg and db ([K, C]) when asked. */
export function layerNormBackward(dy: tf.Tensor, saved: LayerNormSaved, g: StackParam, models: number, params: boolean): { dx: tf.Tensor; dg?: tf.Tensor; db?: tf.Tensor } {
  const { xhat, rstd } = saved;
  const dxhat = withVector(dy, g, tf.mul);
  const dx = dxhat.sub(dxhat.mean(-1, true)).sub(xhat.mul(dxhat.mul(xhat).mean(-1, true))).mul(rstd);
  return params ? { dx, dg: sumRows(dy.mul(xhat), models), db: sumRows(dy, models) } : { dx };
}

/**
 * The stack's rank-r adapters of one layer, side by side: every model's A as the columns of
 * [in, K*r], every model's B (scale folded in) as the rows of [K*r, out]. x A_all gives each row
 * every model's adapter input; the block mask keeps its own model's r columns, so one pair of
 * matmuls applies each model's adapter to its own rows (the K-fold extra work is rank-sized).
 */
export interface StackAdapter {
  a: tf.Tensor2D;
  scaledB: tf.Tensor2D;
  scale: number;
  /** [K*N, K*r]: 1 where a row's model owns the column; absent for a stack of one. */
  mask?: tf.Tensor;
}

/** The block mask of a stack's adapters: each of the K models' N rows owns its r columns. */
export function adapterMask(models: number, rows: number, rank: number): tf.Tensor2D | undefined {
  if (models === 1) return undefined;
  const data = new Float32Array(models * rows * models * rank);
  for (let k = 0; k < models; k++) for (let i = 0; i < rows; i++) data.fill(1, ((k * rows + i) * models + k) * rank, ((k * rows + i) * models + k + 1) * rank);
  return tf.tensor2d(data, [models * rows, models * rank]);
}

/** A linear layer's weights and, in lora mode, the stack's adapters. */
export interface LinearWeights {
  w: StackParam;
  bias: StackParam;
  adapter?: StackAdapter;
}

export interface LinearSaved {
  x: tf.Tensor;
  /** x split per model, when a matrix is per model. */
  parts?: tf.Tensor[];
  /** x A_all, masked to each row's own model, when there is an adapter: [K*N, K*r]. */
  xa?: tf.Tensor;
}

const masked = (x: tf.Tensor, mask: tf.Tensor | undefined): tf.Tensor => (mask ? x.mul(mask) : x);

/** y = x W + b (+ x A B s), with ReLU after when asked. */
export function linearForward(x: tf.Tensor, weights: LinearWeights, models: number, relu = false): { y: tf.Tensor; saved: LinearSaved } {
  const { w, bias, adapter } = weights;
  const [w1, bias1] = [single(w), single(bias)];
  if (w1 && bias1 && !adapter) {
    return { y: tf.fused.matMul({ a: x as tf.Tensor2D, b: w1 as tf.Tensor2D, bias: bias1, activation: relu ? 'relu' : 'linear' }), saved: { x } };
  }
  const parts = perModel(w) && models > 1 ? splitModels(x, models) : undefined;
  let pre = withVector(project(x, parts, w), bias, tf.add);
  let xa: tf.Tensor | undefined;
  if (adapter) {
    xa = masked(matMul(x, adapter.a), adapter.mask);
    pre = pre.add(matMul(xa, adapter.scaledB));
  }
  return { y: relu ? tf.relu(pre) : pre, saved: { x, ...(parts ? { parts } : {}), ...(xa ? { xa } : {}) } };
}

export interface LinearGrads {
  dx?: tf.Tensor;
  /** Per model. */
  dw?: tf.Tensor[];
  /** [K, out]. */
  dbias?: tf.Tensor;
  /** [K, in, r]. */
  da?: tf.Tensor;
  /** [K*r, out]: each model's r rows in turn. */
  db?: tf.Tensor;
}

/** Gradients of a linear layer from dy (after any ReLU has been undone); only those asked for, whose parameters must be per model. */
export function linearBackward(dy: tf.Tensor, saved: LinearSaved, weights: LinearWeights, models: number, want: { dx: boolean; weight: boolean; bias: boolean }, shared: SharedTransposes): LinearGrads {
  const out: LinearGrads = {};
  const { w, adapter } = weights;
  const dys = perModel(w) || want.weight ? splitModels(dy, models) : undefined;
  const xs = saved.parts ?? (want.weight ? splitModels(saved.x, models) : undefined);
  if (want.weight) out.dw = xs!.map((xk, k) => matMul(transpose2(xk), dys![k]!));
  if (want.bias) out.dbias = sumRows(dy, models);
  let dxa: tf.Tensor | undefined;
  if (adapter && saved.xa) {
    const [inDim, columns] = adapter.a.shape;
    const rank = columns / models;
    dxa = masked(matMul(dy, transpose2(adapter.scaledB)), adapter.mask);
    out.db = matMul(transpose2(saved.xa), dy).mul(adapter.scale);
    out.da = matMul(transpose2(saved.x), dxa).reshape([inDim, models, rank]).transpose([1, 0, 2]);
  }
  if (want.dx) {
    const dx = perModel(w) ? joinModels(dys!.map((dk, k) => matMul(dk, transpose2(w[k]!)))) : matMul(dy, shared.of(w));
    out.dx = dxa ? dx.add(matMul(dxa, transpose2(adapter!.a))) : dx;
  }
  return out;
}

export interface AttentionSaved {
  q: tf.Tensor;
  k: tf.Tensor;
  v: tf.Tensor;
  probs: tf.Tensor;
}

export interface AttentionShape {
  /** Sequences in the stack: models x rows. */
  sequences: number;
  length: number;
  heads: number;
  width: number;
}

/**
 * Causal multi-head attention from qkv [K*N, 3D] to the heads' outputs [K*N, D]. The stack's
 * sequences are one batch; qkv's columns are 3H heads of dh (q heads, k heads, v heads), and one
 * rank-3 transpose makes them [3H*S, T, dh].
 */
export function attentionForward(qkv: tf.Tensor, shape: AttentionShape, mask: tf.Tensor2D): { y: tf.Tensor; saved: AttentionSaved } {
  const { sequences: S, length: T, heads: H, width: D } = shape;
  const rows = S * T;
  const dh = D / H;
  const byHead = qkv.reshape([rows, 3 * H, dh]).transpose([1, 0, 2]).reshape([3 * H * S, T, dh]);
  const [q, k, v] = tf.split(byHead, 3, 0) as [tf.Tensor, tf.Tensor, tf.Tensor];
  const probs = tf.softmax(tf.matMul(q as tf.Tensor3D, transpose3(k) as tf.Tensor3D).mul(1 / Math.sqrt(dh)).add(mask));
  const y = tf.matMul(probs as tf.Tensor3D, v as tf.Tensor3D).reshape([H, rows, dh]).transpose([1, 0, 2]).reshape([rows, D]);
  return { y, saved: { q, k, v, probs } };
}

/** dqkv [K*N, 3D] from the heads' output gradient [K*N, D]; the mask is constant. */
export function attentionBackward(dy: tf.Tensor, saved: AttentionSaved, shape: AttentionShape): tf.Tensor {
  const { sequences: S, length: T, heads: H, width: D } = shape;
  const rows = S * T;
  const dh = D / H;
  const { q, k, v, probs } = saved;
  const mm = (a: tf.Tensor, b: tf.Tensor) => tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D);
  const dAttended = dy.reshape([rows, H, dh]).transpose([1, 0, 2]).reshape([H * S, T, dh]);
  const dProbs = mm(dAttended, transpose3(v));
  const dv = mm(transpose3(probs), dAttended);
  const dScores = probs.mul(dProbs.sub(dProbs.mul(probs).sum(-1, true))).mul(1 / Math.sqrt(dh));
  const dq = mm(dScores, k);
  const dk = mm(transpose3(dScores), q);
  return tf.concat([dq, dk, dv], 0).reshape([3 * H, rows, dh]).transpose([1, 0, 2]).reshape([rows, 3 * D]);
}
