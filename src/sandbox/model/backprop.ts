// Loss and gradients by a hand-written backward pass, for a stack of K models trained side by side
// on their own batches (K = 1 for one model): the same model and loss as batch-loss.ts, in about
// half the tensor operations of autodiff and without a gradient tape. The stack shares its frozen
// parameters and carries one slice per model of the trained ones, so each tensor operation does
// K models' work; each model's loss and gradients are those of its own batch alone
// (test/sandbox/backprop.test.ts checks both against tfjs autodiff). Only the gradients of trained
// parameters are computed, and the backward pass stops below the lowest of them.
import { tf } from './backend.js';
import {
  attentionBackward,
  attentionForward,
  layerNormBackward,
  layerNormForward,
  linearBackward,
  linearForward,
  adapterMask,
  project,
  splitModels,
  transpose2,
  type AttentionSaved,
  type LayerNormSaved,
  type LinearSaved,
  type LinearWeights,
  type SharedTransposes,
  type StackParam,
} from './backprop-ops.js';
import type { Batch } from './batch.js';
import type { ModelConfig } from './config.js';
import { causalMask, type Weights } from './transformer.js';

export interface StackParams {
  /** The base model's parameters: every one not in `stacked` is read from here, shared by the stack. */
  base: Weights;
  /** The trained parameters (base names, and adapters as `<layer>.a`/`<layer>.b`), one tensor per model. */
  stacked: Record<string, readonly tf.Tensor[]>;
  /** alpha / rank of the adapters, when there are any. */
  loraScale?: number;
}

export interface ModelGradients {
  /** Mean loss over the batch's counted positions. */
  loss: number;
  /** Counted positions whose most likely next token was the target (ties to the lowest id). */
  correct: number;
  /** Gradient per trained name, flat, in the parameter's row-major order. */
  grads: Record<string, Float32Array>;
}

interface LayerSaved {
  ln1: LayerNormSaved;
  qkv: LinearSaved;
  attention: AttentionSaved;
  proj: LinearSaved;
  ln2: LayerNormSaved;
  fc1: LinearSaved;
  /** fc1's output after ReLU: its positive entries pass the gradient. */
  hidden: tf.Tensor;
  fc2: LinearSaved;
}

const LINEARS = ['qkv', 'proj', 'fc1', 'fc2'] as const;
type LinearName = (typeof LINEARS)[number];

/** Each position's row of the stack's embedding table: the token id, offset into its model's slice of a per-model table. */
function tableRows(batches: readonly Batch[], vocabSize: number, perModel: boolean): Int32Array {
  const n = batches[0]!.ids.length;
  const rows = new Int32Array(batches.length * n);
  batches.forEach((batch, k) => batch.ids.forEach((id, i) => (rows[k * n + i] = perModel ? k * vocabSize + id : id)));
  return rows;
}

/** The lowest layer that has a trained parameter: -1 for the embeddings, `layers` for none. */
function lowestTrained(trained: ReadonlySet<string>, layers: number): number {
  if (trained.has('tok_emb') || trained.has('pos_emb')) return -1;
  for (let l = 0; l < layers; l++) for (const name of trained) if (name.startsWith(`l${l}.`)) return l;
  return layers;
}

/** Token embeddings plus positions for every model's batch: [K*N, D]. */
function embeddings(params: StackParams, batches: readonly Batch[], rows: tf.Tensor1D, cfg: ModelConfig): tf.Tensor {
  const K = batches.length;
  const { batch: B, length: T } = batches[0]!;
  const D = cfg.width;
  const table = params.stacked.tok_emb;
  const tokens = tf.gather(table ? (K === 1 ? table[0]! : tf.concat(table as tf.Tensor[], 0)) : params.base.tok_emb!, rows);
  const ownPositions = params.stacked.pos_emb;
  const positions = ownPositions ? tf.stack(ownPositions as tf.Tensor[]).slice([0, 0, 0], [K, T, D]).reshape([K, 1, T, D]) : params.base.pos_emb!.slice([0, 0], [T, D]);
  return tokens.reshape([K, B, T, D]).add(positions).reshape([K * B * T, D]);
}

/**
 * Loss, token accuracy and gradients of each model of the stack on its batch. The batches must
 * share their shape (rows and length: pad them with makeBatch's `shape`).
 */
export function backpropStack(cfg: ModelConfig, params: StackParams, batches: readonly Batch[], shared: SharedTransposes): ModelGradients[] {
  const K = batches.length;
  const { batch: B, length: T } = batches[0]!;
  if (batches.some((b) => b.batch !== B || b.length !== T)) throw new Error('backpropStack: the batches of a stack must share their rows and length');
  const N = B * T;
  const D = cfg.width;
  const V = cfg.vocabSize;
  const shape = { sequences: K * B, length: T, heads: cfg.heads, width: D };
  const trained = new Set(Object.keys(params.stacked));
  const names = [...trained];
  const lowest = lowestTrained(trained, cfg.layers);
  const wants = (name: string) => trained.has(name);
  const param = (name: string): StackParam => params.stacked[name] ?? params.base[name]!;

  const flat = tf.tidy(() => {
    const scale = params.loraScale ?? 1;
    const anyAdapter = names.find((name) => name.endsWith('.a'));
    const adapterBlocks = anyAdapter ? adapterMask(K, N, params.stacked[anyAdapter]![0]!.shape[1]!) : undefined;
    const linear = (name: string): LinearWeights => {
      const a = params.stacked[`${name}.a`];
      const b = params.stacked[`${name}.b`];
      if (!a || !b) return { w: param(name), bias: param(`${name}_b`) };
      const adapter = { a: (K === 1 ? a[0]! : tf.concat(a as tf.Tensor[], 1)) as tf.Tensor2D, scaledB: (K === 1 ? b[0]! : tf.concat(b as tf.Tensor[], 0)).mul(scale) as tf.Tensor2D, scale, ...(adapterBlocks ? { mask: adapterBlocks } : {}) };
      return { w: param(name), bias: param(`${name}_b`), adapter };
    };
    const rows = tf.tensor1d(tableRows(batches, V, params.stacked.tok_emb !== undefined), 'int32');
    let x = embeddings(params, batches, rows, cfg);
    const mask = causalMask(T);
    const layers: { saved: LayerSaved; weights: Record<LinearName, LinearWeights> }[] = [];
    for (let l = 0; l < cfg.layers; l++) {
      const weights = Object.fromEntries(LINEARS.map((name) => [name, linear(`l${l}.${name}`)])) as Record<LinearName, LinearWeights>;
      const ln1 = layerNormForward(x, param(`l${l}.ln1_g`), param(`l${l}.ln1_b`));
      const qkv = linearForward(ln1.y, weights.qkv, K);
      const attention = attentionForward(qkv.y, shape, mask);
      const proj = linearForward(attention.y, weights.proj, K);
      x = x.add(proj.y);
      const ln2 = layerNormForward(x, param(`l${l}.ln2_g`), param(`l${l}.ln2_b`));
      const fc1 = linearForward(ln2.y, weights.fc1, K, true);
      const fc2 = linearForward(fc1.y, weights.fc2, K);
      x = x.add(fc2.y);
      layers.push({ saved: { ln1: ln1.saved, qkv: qkv.saved, attention: attention.saved, proj: proj.saved, ln2: ln2.saved, fc1: fc1.saved, hidden: fc1.y, fc2: fc2.saved }, weights });
    }
    const final = layerNormForward(x, param('lnf_g'), param('lnf_b'));
    const head = param('head');
    const finalParts = Array.isArray(head) ? splitModels(final.y, K) : undefined;
    const logits = project(final.y, finalParts, head);

    // Each model's cross-entropy summed over its counted positions, divided by their number.
    const targets = new Int32Array(K * N);
    const weights = new Float32Array(K * N);
    const scaled = new Float32Array(K * N);
    batches.forEach((batch, k) => {
      targets.set(batch.targets, k * N);
      weights.set(batch.weights, k * N);
      const counted = Math.max(1, batch.counted);
      batch.weights.forEach((w, i) => (scaled[k * N + i] = w / counted));
    });
    const targetIds = tf.tensor1d(targets, 'int32');
    const labels = tf.oneHot(targetIds, V).toFloat();
    const scaledColumn = tf.tensor2d(scaled, [K * N, 1]);
    const logProbs = logits.sub(tf.logSumExp(logits, 1, true));
    const losses = labels.mul(logProbs).mul(scaledColumn).reshape([K, N * V]).sum(1).neg();
    const corrects = tf.argMax(logits, 1).equal(targetIds).toFloat().mul(tf.tensor1d(weights)).reshape([K, N]).sum(1);
    const dLogits = tf.exp(logProbs).sub(labels).mul(scaledColumn);

    // A gradient is [K, ...shape] or one tensor per model; either way each model's part in turn.
    const grads = new Map<string, tf.Tensor | tf.Tensor[]>();
    const keep = (name: string, g: tf.Tensor | tf.Tensor[] | undefined) => {
      if (g && wants(name)) grads.set(name, g);
    };
    const dLogitParts = Array.isArray(head) ? splitModels(dLogits, K) : undefined;
    if (wants('head')) keep('head', finalParts!.map((h, k) => tf.matMul(transpose2(h), dLogitParts![k] as tf.Tensor2D)));
    const lnfParams = wants('lnf_g') || wants('lnf_b');
    if (lowest < cfg.layers || lnfParams) {
      const dFinal = Array.isArray(head) ? tf.concat(dLogitParts!.map((d, k) => tf.matMul(d as tf.Tensor2D, transpose2(head[k]!))), 0) : tf.matMul(dLogits as tf.Tensor2D, shared.of(head as tf.Tensor));
      const lnf = layerNormBackward(dFinal, final.saved, param('lnf_g'), K, lnfParams);
      keep('lnf_g', lnf.dg);
      keep('lnf_b', lnf.db);
      let dx = lnf.dx;
      for (let l = cfg.layers - 1; l >= Math.max(lowest, 0); l--) {
        const { saved, weights } = layers[l]!;
        const p = `l${l}.`;
        const linearGrads = (name: LinearName, dy: tf.Tensor, needDx: boolean) => {
          const g = linearBackward(dy, saved[name], weights[name], K, { dx: needDx, weight: wants(`${p}${name}`), bias: wants(`${p}${name}_b`) }, shared);
          keep(`${p}${name}`, g.dw);
          keep(`${p}${name}_b`, g.dbias);
          keep(`${p}${name}.a`, g.da);
          keep(`${p}${name}.b`, g.db);
          return g.dx;
        };
        const dHidden = linearGrads('fc2', dx, true)!;
        const dMlpIn = linearGrads('fc1', dHidden.mul(tf.step(saved.hidden)), true)!;
        const ln2 = layerNormBackward(dMlpIn, saved.ln2, param(`${p}ln2_g`), K, wants(`${p}ln2_g`) || wants(`${p}ln2_b`));
        keep(`${p}ln2_g`, ln2.dg);
        keep(`${p}ln2_b`, ln2.db);
        dx = dx.add(ln2.dx);
        const dQkv = attentionBackward(linearGrads('proj', dx, true)!, saved.attention, shape);
        const ln1Params = wants(`${p}ln1_g`) || wants(`${p}ln1_b`);
        const dLn1 = linearGrads('qkv', dQkv, l > lowest || ln1Params);
        if (!dLn1) continue;
        const ln1 = layerNormBackward(dLn1, saved.ln1, param(`${p}ln1_g`), K, ln1Params);
        keep(`${p}ln1_g`, ln1.dg);
        keep(`${p}ln1_b`, ln1.db);
        dx = dx.add(ln1.dx);
      }
      // The table's gradient adds each position's dx into its token's row (repeated tokens add up).
      if (wants('tok_emb')) keep('tok_emb', tf.scatterND(rows.reshape([K * N, 1]), dx, [K * V, D]));
      if (wants('pos_emb')) keep('pos_emb', tf.pad(dx.reshape([K, B, T, D]).sum(1), [[0, 0], [0, cfg.context - T], [0, 0]]));
    }
    const missing = names.filter((name) => !grads.has(name));
    if (missing.length > 0) throw new Error(`backprop: no gradient for ${missing.join(', ')}`);
    const flatten = (g: tf.Tensor | tf.Tensor[]) => (Array.isArray(g) ? g.map((part) => part.reshape([-1])) : [g.reshape([-1])]);
    return tf.concat([losses, corrects, ...names.flatMap((name) => flatten(grads.get(name)!))]);
  });
  const values = flat.dataSync() as Float32Array;
  flat.dispose();
  const sizes = names.map((name) => params.stacked[name]![0]!.size);
  return batches.map((_, k) => {
    const grads: Record<string, Float32Array> = {};
    let offset = 2 * K;
    names.forEach((name, i) => {
      grads[name] = values.subarray(offset + k * sizes[i]!, offset + (k + 1) * sizes[i]!);
      offset += K * sizes[i]!;
    });
    return { loss: values[k]!, correct: Math.round(values[K + k]!), grads };
  });
}
