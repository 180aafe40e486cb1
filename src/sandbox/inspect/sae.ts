// A small top-k sparse autoencoder over recorded residual-stream activations, trained with tfjs
// (autodiff and Adam): the sandbox's stand-in for the paper's BatchTopK SAE on Llama-3.1-8B.
// f = topk(relu((x - b_dec) W_enc + b_enc)), x^ = f W_dec + b_dec, decoder rows kept at unit norm.
import { createRng, gaussian } from '../../util/random.js';
import { tf } from '../model/backend.js';

/** How to train the SAE; defaults: a dictionary 4x the width, k = 8, 500 steps of 256 rows, Adam at 1e-3. */
export interface SaeOptions {
  dictionary?: number;
  k?: number;
  steps?: number;
  batch?: number;
  learningRate?: number;
  seed?: number | string;
}

/** A trained SAE: decoder directions (unit rows, in the residual stream's units) and how well it reconstructs. */
export interface Sae {
  width: number;
  dictionary: number;
  k: number;
  steps: number;
  /** [dictionary, width], row-major, each row a unit vector in the residual stream. */
  decoder: Float32Array;
  encoder: Float32Array;
  encoderBias: Float32Array;
  decoderBias: Float32Array;
  /** Activations are divided by this before encoding (their root mean square norm over sqrt(width)). */
  scale: number;
  /** Fraction of variance unexplained on the training rows (0: perfect reconstruction). */
  fvu: number;
  /** Share of latents never among a row's top k on the training rows. */
  dead: number;
  rows: number;
}

export const SAE_DEFAULTS = { k: 8, steps: 500, batch: 256, learningRate: 1e-3 } as const;

function normaliseRows(w: tf.Variable): void {
  tf.tidy(() => w.assign(w.div(w.square().sum(1, true).sqrt().add(1e-8))));
}

/** Latent activations of `x` [rows, width] (already scaled), top k per row, as a tensor. Call inside tf.tidy. */
function latents(x: tf.Tensor2D, wEnc: tf.Tensor, bEnc: tf.Tensor, bDec: tf.Tensor, k: number, mask?: tf.Tensor): tf.Tensor2D {
  const pre = tf.relu(tf.matMul(x.sub(bDec) as tf.Tensor2D, wEnc as tf.Tensor2D).add(bEnc)) as tf.Tensor2D;
  return pre.mul(mask ?? topMask(pre, k)) as tf.Tensor2D;
}

/** 1 where a latent is among its row's k largest, else 0 (no gradient: computed off the tape). */
function topMask(pre: tf.Tensor2D, k: number): tf.Tensor2D {
  const { values } = tf.topk(pre, k);
  const threshold = values.slice([0, k - 1], [-1, 1]);
  return tf.cast(tf.logicalAnd(pre.greaterEqual(threshold), pre.greater(0)), 'float32') as tf.Tensor2D;
}

/** Trains a top-k SAE on `data` ([rows, width], row-major) and returns its weights as arrays. */
export function trainSae(data: Float32Array, rows: number, width: number, options: SaeOptions = {}): Sae {
  const dictionary = options.dictionary ?? 4 * width;
  const k = Math.min(options.k ?? SAE_DEFAULTS.k, dictionary);
  const steps = options.steps ?? SAE_DEFAULTS.steps;
  const batch = Math.min(options.batch ?? SAE_DEFAULTS.batch, rows);
  const rng = createRng(`sae/${String(options.seed ?? 0)}`);
  if (rows < 2) throw new Error('trainSae: fewer than 2 rows of activations');
  let squared = 0;
  for (const v of data) squared += v * v;
  const scale = Math.sqrt(squared / rows / width) || 1;
  const scaled = Float32Array.from(data, (v) => v / scale);
  const mean = new Float32Array(width);
  for (let r = 0; r < rows; r++) for (let j = 0; j < width; j++) mean[j]! += scaled[r * width + j]! / rows;
  const init = new Float32Array(dictionary * width);
  for (let i = 0; i < init.length; i++) init[i] = gaussian(rng);
  const wDec = tf.variable(tf.tensor2d(init, [dictionary, width]));
  normaliseRows(wDec);
  const wEnc = tf.variable(tf.tidy(() => wDec.transpose()));
  const bEnc = tf.variable(tf.zeros([dictionary]));
  const bDec = tf.variable(tf.tensor1d(mean));
  const optimizer = tf.train.adam(options.learningRate ?? SAE_DEFAULTS.learningRate);
  try {
    const picked = new Float32Array(batch * width);
    for (let step = 0; step < steps; step++) {
      for (let b = 0; b < batch; b++) {
        const r = Math.floor(rng.next() * rows);
        picked.set(scaled.subarray(r * width, (r + 1) * width), b * width);
      }
      tf.tidy(() => {
        const x = tf.tensor2d(picked, [batch, width]);
        const mask = tf.tidy(() => topMask(tf.relu(tf.matMul(x.sub(bDec) as tf.Tensor2D, wEnc).add(bEnc)) as tf.Tensor2D, k));
        optimizer.minimize(() => {
          const f = latents(x, wEnc, bEnc, bDec, k, mask);
          const reconstruction = tf.matMul(f, wDec).add(bDec);
          return reconstruction.sub(x).square().sum(1).mean() as tf.Scalar;
        }, false, [wEnc, bEnc, wDec, bDec]);
      });
      normaliseRows(wDec);
    }
    // Reconstruction quality and dead latents over every training row.
    const { fvu, dead } = tf.tidy(() => {
      const x = tf.tensor2d(scaled, [rows, width]);
      const f = latents(x, wEnc, bEnc, bDec, k);
      const residual = tf.matMul(f, wDec).add(bDec).sub(x).square().sum().dataSync()[0]!;
      const total = x.sub(x.mean(0)).square().sum().dataSync()[0]!;
      const alive = f.greater(0).any(0).cast('float32').sum().dataSync()[0]!;
      return { fvu: total > 0 ? residual / total : 0, dead: 1 - alive / dictionary };
    });
    return {
      width,
      dictionary,
      k,
      steps,
      decoder: new Float32Array(wDec.dataSync()),
      encoder: new Float32Array(wEnc.dataSync()),
      encoderBias: new Float32Array(bEnc.dataSync()),
      decoderBias: Float32Array.from(bDec.dataSync(), (v) => v * scale),
      scale,
      fvu,
      dead,
      rows,
    };
  } finally {
    optimizer.dispose();
    for (const v of [wDec, wEnc, bEnc, bDec]) v.dispose();
  }
}

/** Latent activations of rows of activations (in the residual stream's units), [rows, dictionary] row-major. */
export function encodeSae(sae: Sae, data: Float32Array, rows: number): Float32Array {
  const out = tf.tidy(() => {
    const x = tf.tensor2d(data, [rows, sae.width]).div(sae.scale) as tf.Tensor2D;
    return latents(x, tf.tensor2d(sae.encoder, [sae.width, sae.dictionary]), tf.tensor1d(sae.encoderBias), tf.tensor1d(sae.decoderBias).div(sae.scale), sae.k);
  });
  const values = new Float32Array(out.dataSync());
  out.dispose();
  return values;
}
