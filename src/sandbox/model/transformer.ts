// The forward pass of the sandbox transformer, for sampling, scoring and evaluation. Training has
// its own hand-written backward pass (backprop.ts); the custom gradients here (matrix products
// through explicit transposes, the embedding's onehot^T dy) serve tfjs autodiff, which the tests
// use as the reference for that pass.
import { tf } from './backend.js';
import type { ModelConfig } from './config.js';

export type Weights = Record<string, tf.Tensor>;

export interface LoraAdapters {
  rank: number;
  alpha: number;
  /** `<layer>.a` [in, rank] and `<layer>.b` [rank, out] for each adapted layer. */
  weights: Weights;
}

const transposeLast = (x: tf.Tensor): tf.Tensor => (x.rank === 2 ? tf.transpose(x) : tf.transpose(x, [0, 2, 1]));

type MatMul = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
/** Made on first use: tfjs is loaded by ensureBackend(), after this module. */
let matMulWithGrad: MatMul | undefined;

function matMul(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  matMulWithGrad ??= tf.customGrad((x, y, save) => {
    (save as tf.GradSaveFunc)([x as tf.Tensor, y as tf.Tensor]);
    return {
      value: tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D),
      gradFunc: (dy, saved) => {
        const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
        return [tf.matMul(dy as tf.Tensor2D, transposeLast(sb) as tf.Tensor2D), tf.matMul(transposeLast(sa) as tf.Tensor2D, dy as tf.Tensor2D)];
      },
    };
  }) as MatMul;
  return matMulWithGrad(a, b);
}

/** Embedding lookup with a gradient on wasm, where gather has none: dE = onehot(ids)^T dy. */
function embed(table: tf.Tensor, ids: tf.Tensor1D, oneHotT: tf.Tensor2D | undefined): tf.Tensor2D {
  if (!oneHotT) return tf.gather(table, ids) as tf.Tensor2D;
  const f = tf.customGrad((t) => ({ value: tf.gather(t as tf.Tensor, ids), gradFunc: (dy) => tf.matMul(oneHotT, dy as tf.Tensor2D) }));
  return f(table) as tf.Tensor2D;
}

function layerNorm(x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  const mean = x.mean(-1, true);
  const centred = x.sub(mean);
  const variance = centred.square().mean(-1, true);
  return centred.mul(variance.add(1e-5).rsqrt()).mul(g).add(b) as tf.Tensor2D;
}

const masks = new Map<number, tf.Tensor2D>();
/** 0 on and below the diagonal, -1e9 above: [t, t], kept for the process. */
export function causalMask(t: number): tf.Tensor2D {
  let mask = masks.get(t);
  if (!mask) {
    const data = new Float32Array(t * t);
    for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) data[i * t + j] = -1e9;
    mask = tf.keep(tf.tensor2d(data, [t, t]));
    masks.set(t, mask);
  }
  return mask;
}

export interface ForwardInput {
  /** Token ids, [batch, length] int32, length <= context. */
  ids: tf.Tensor2D;
  /** onehot(ids)^T, [vocab, batch*length]: needed only when the embedding table gets gradients. */
  oneHotT?: tf.Tensor2D;
}

/**
 * Sees the residual stream, [batch*length, width], at `layer` 0 (after the embeddings) and at layer
 * l + 1 (after block l); what it returns takes the stream's place (sandbox/inspect/ records and
 * ablates directions through it). Called inside the caller's tf.tidy.
 */
export type ResidualHook = (layer: number, residual: tf.Tensor2D) => tf.Tensor2D;

/** Final hidden states after the last LayerNorm, [batch*length, width]. Call inside tf.tidy. Without a hook, no operation is added. */
export function hiddenStates(w: Weights, cfg: ModelConfig, input: ForwardInput, lora?: LoraAdapters, hook?: ResidualHook): tf.Tensor2D {
  const [B, T] = input.ids.shape;
  const D = cfg.width;
  const H = cfg.heads;
  const dh = D / H;
  const N = B * T;
  const linear = (x: tf.Tensor2D, name: string): tf.Tensor2D => {
    let y = matMul(x, w[name]!).add(w[`${name}_b`]!) as tf.Tensor2D;
    if (lora && lora.weights[`${name}.a`]) {
      y = y.add(matMul(matMul(x, lora.weights[`${name}.a`]!), lora.weights[`${name}.b`]!).mul(lora.alpha / lora.rank)) as tf.Tensor2D;
    }
    return y;
  };
  const positions = w.pos_emb!.slice([0, 0], [T, D]);
  let x = embed(w.tok_emb!, input.ids.reshape([N]) as tf.Tensor1D, input.oneHotT).add(B === 1 ? positions : tf.tile(positions, [B, 1])) as tf.Tensor2D;
  if (hook) x = hook(0, x);
  const mask = causalMask(T);
  for (let l = 0; l < cfg.layers; l++) {
    const h = layerNorm(x, w[`l${l}.ln1_g`]!, w[`l${l}.ln1_b`]!);
    // qkv's columns are 3H heads of dh (q heads, k heads, v heads); one rank-3 transpose makes
    // them [3H*B, T, dh], head-major (wasm transposes of higher rank are far slower).
    const byHead = linear(h, `l${l}.qkv`).reshape([N, 3 * H, dh]).transpose([1, 0, 2]).reshape([3 * H * B, T, dh]);
    const [q, k, v] = tf.split(byHead, 3, 0) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const scores = matMul(q, transposeLast(k)).mul(1 / Math.sqrt(dh)).add(mask);
    const attended = matMul(tf.softmax(scores), v);
    const heads = attended.reshape([H, N, dh]).transpose([1, 0, 2]).reshape([N, D]) as tf.Tensor2D;
    x = x.add(linear(heads, `l${l}.proj`)) as tf.Tensor2D;
    const h2 = layerNorm(x, w[`l${l}.ln2_g`]!, w[`l${l}.ln2_b`]!);
    x = x.add(linear(tf.relu(linear(h2, `l${l}.fc1`)), `l${l}.fc2`)) as tf.Tensor2D;
    if (hook) x = hook(l + 1, x);
  }
  return layerNorm(x, w.lnf_g!, w.lnf_b!);
}

export function logitsOf(w: Weights, hidden: tf.Tensor2D): tf.Tensor2D {
  return matMul(hidden, w.head!) as tf.Tensor2D;
}
