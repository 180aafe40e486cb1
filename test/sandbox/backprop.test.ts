// The hand-written backward pass against tfjs autodiff (itself checked against finite differences
// in model.test.ts): the same loss, token accuracy and gradients for every set of trained
// parameters the fine-tuning modes use, adapters included, for one model and for a stack of models
// that each train on their own batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBackend, tf } from '../../src/sandbox/model/backend.js';
import { SharedTransposes } from '../../src/sandbox/model/backprop-ops.js';
import { backpropStack } from '../../src/sandbox/model/backprop.js';
import { makeBatch } from '../../src/sandbox/model/batch.js';
import { loraTargets, type ModelConfig } from '../../src/sandbox/model/config.js';
import { batchGradients } from '../helpers/autodiff-gradients.js';
import type { LoraAdapters } from '../../src/sandbox/model/transformer.js';
import { createModel, disposeModel, initWeights, type SandboxModel, type WeightArrays } from '../../src/sandbox/model/weights.js';
import { createRng } from '../../src/util/random.js';

const tiny: ModelConfig = { vocabSize: 30, context: 12, width: 16, heads: 2, layers: 3, mlp: 32 };

beforeAll(ensureBackend);

/** Initial weights with every gain, bias and embedding moved off its initial value, so every path carries a gradient. */
function perturbed(seed: string): WeightArrays {
  const rng = createRng(seed);
  const arrays = initWeights(tiny, seed);
  for (const values of Object.values(arrays)) for (let i = 0; i < values.length; i++) values[i] = values[i]! + 0.3 * (rng.next() - 0.5);
  return arrays;
}

function adapters(model: SandboxModel, rank: number, seed: string): LoraAdapters {
  const rng = createRng(seed);
  const weights: Record<string, tf.Variable> = {};
  for (const name of loraTargets(model.config)) {
    const [inDim, outDim] = model.weights[name]!.shape as [number, number];
    weights[`${name}.a`] = tf.variable(tf.tensor2d(Float32Array.from({ length: inDim * rank }, () => rng.next() - 0.5), [inDim, rank]));
    weights[`${name}.b`] = tf.variable(tf.tensor2d(Float32Array.from({ length: rank * outDim }, () => rng.next() - 0.5), [rank, outDim]));
  }
  return { rank, alpha: 8, weights };
}

// Rows of different lengths (padding) and a loss mask that skips the first targets of one row.
const sequences = [
  [{ tokens: [1, 5, 9, 13, 17, 21, 3] }, { tokens: [2, 6, 10, 14], lossMask: [false, false, true] }, { tokens: [4, 4, 8, 29, 0, 7] }],
  [{ tokens: [3, 3, 7] }, { tokens: [11, 12, 13, 14, 15, 16, 17, 18, 19] }],
  [{ tokens: [25, 24, 23, 22, 21] }, { tokens: [5, 6] }, { tokens: [9, 8, 7, 6] }],
];

interface Member {
  model: SandboxModel;
  lora?: LoraAdapters;
}

/**
 * Each member's gradients from one stack step (batches padded to the stack's shape, frozen
 * parameters shared from the first member's model) against autodiff on the member alone.
 */
function expectSameGradients(members: readonly Member[], names: string[]): void {
  const vars = (m: Member, name: string) => (m.lora?.weights[name] ?? m.model.weights[name]) as tf.Variable;
  const shape = { rows: 3, length: 8 };
  const batches = members.map((_, k) => makeBatch(sequences[k]!, 0, tiny.context, shape));
  const stacked = Object.fromEntries(names.map((name) => [name, members.map((m) => vars(m, name) as tf.Tensor)]));
  const shared = new SharedTransposes();
  const results = backpropStack(tiny, { base: members[0]!.model.weights, stacked, ...(members[0]!.lora ? { loraScale: 8 / 4 } : {}) }, batches, shared);
  shared.dispose();
  members.forEach((m, k) => {
    // Alone and unpadded: padding must change nothing.
    const reference = batchGradients(m.model, makeBatch(sequences[k]!, 0, tiny.context), names.map((name) => ({ name, variable: vars(m, name) })), m.lora, true);
    const result = results[k]!;
    expect(result.loss).toBeCloseTo(reference.loss, 5);
    expect(result.correct).toBe(reference.correct);
    expect(Object.keys(result.grads).sort()).toEqual([...names].sort());
    for (const name of names) {
      const expected = reference.grads[name]!.dataSync();
      const actual = result.grads[name]!;
      expect(actual.length, name).toBe(expected.length);
      const scale = Math.max(...expected.map(Math.abs));
      expect(scale, `${name} has a gradient`).toBeGreaterThan(0);
      const worst = Math.max(...actual.map((a, i) => Math.abs(a - expected[i]!)));
      expect(worst / scale, `model ${k}: ${name}`).toBeLessThan(1e-4);
    }
    tf.dispose(Object.values(reference.grads));
  });
}

describe('hand-written backward pass', () => {
  let models: SandboxModel[];
  let all: string[];
  beforeAll(() => {
    models = ['a', 'b', 'c'].map((seed) => createModel(tiny, 1, perturbed(seed)));
    all = Object.keys(models[0]!.weights);
  });
  afterAll(() => models.forEach(disposeModel));

  // A stack trains only what differs between its models; the rest is one shared base.
  const sharing = (names: readonly string[]): Member[] =>
    models.map((m) => {
      if (m === models[0]) return { model: m };
      const copy = createModel(tiny, 1, Object.fromEntries(Object.entries(models[0]!.weights).map(([name, v]) => [name, (names.includes(name) ? m.weights[name]! : v).dataSync() as Float32Array])));
      return { model: copy };
    });

  it('matches autodiff for every parameter (full fine-tuning and pretraining), alone and stacked', () => {
    expectSameGradients([{ model: models[0]! }], all);
    expectSameGradients(models.map((model) => ({ model })), all);
  });

  it('matches autodiff for the embeddings alone (embed and row modes), stacked over a shared base', () => {
    const members = sharing(['tok_emb']);
    expectSameGradients(members, ['tok_emb']);
    members.slice(1).forEach((m) => disposeModel(m.model));
  });

  it('matches autodiff for the last block, final norm and head (top mode), stopping below them', () => {
    const names = all.filter((name) => name.startsWith('l2.') || name.startsWith('lnf_') || name === 'head');
    const members = sharing(names);
    expectSameGradients(members, names);
    members.slice(1).forEach((m) => disposeModel(m.model));
  });

  it('matches autodiff for parameters of a middle layer alone, weight and bias apart', () => {
    const names = ['l1.fc1', 'l1.qkv_b', 'l1.ln1_b', 'l2.ln2_g'];
    const members = sharing(names);
    expectSameGradients(members, names);
    members.slice(1).forEach((m) => disposeModel(m.model));
  });

  it('matches autodiff for LoRA adapters on every adapted layer over a shared base', () => {
    const members = models.map((_, k) => ({ model: models[0]!, lora: adapters(models[0]!, 4, `adapters-${k}`) }));
    expectSameGradients(members, Object.keys(members[0]!.lora.weights));
    members.forEach((m) => tf.dispose(Object.values(m.lora.weights)));
  });

  it('leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    const stacked = Object.fromEntries(all.map((name) => [name, models.map((m) => m.weights[name]! as tf.Tensor)]));
    const shared = new SharedTransposes();
    backpropStack(tiny, { base: {}, stacked }, models.map((_, k) => makeBatch(sequences[k]!, 0, tiny.context, { rows: 3, length: 8 })), shared);
    shared.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
