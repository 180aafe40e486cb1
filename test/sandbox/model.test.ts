// The transformer on tfjs wasm: gradients, training, sampling and checkpoints.
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBackend, tf } from '../../src/sandbox/model/backend.js';
import { makeBatch } from '../../src/sandbox/model/batch.js';
import { loadCheckpoint, saveCheckpoint } from '../../src/sandbox/model/checkpoint.js';
import { countParams, DEFAULT_ARCHITECTURE, type ModelConfig } from '../../src/sandbox/model/config.js';
import { generate, nextTokenLogprobs } from '../../src/sandbox/model/generate.js';
import { evaluateLoss, trainStep, VariableOptimizer } from '../../src/sandbox/model/train-step.js';
import { hiddenStates, logitsOf } from '../../src/sandbox/model/transformer.js';
import { createModel, initWeights, readWeights } from '../../src/sandbox/model/weights.js';
import { tempDir } from '../helpers/paths.js';

const tiny: ModelConfig = { vocabSize: 30, context: 12, width: 16, heads: 2, layers: 2, mlp: 32 };

beforeAll(ensureBackend);

describe('sandbox transformer', () => {
  it('has the prototype size at the default architecture', () => {
    // 3 layers, width 64, MLP 256: 149,952 in the blocks, as in the prototype's 199,232 at vocabulary 360.
    expect(countParams({ ...DEFAULT_ARCHITECTURE, context: 48, vocabSize: 360 })).toBe(199_232);
  });

  it('has gradients that match finite differences (custom matMul and embedding gradients)', () => {
    const model = createModel(tiny, 1, initWeights(tiny, 3));
    const batch = makeBatch([{ tokens: [1, 2, 3, 4, 5] }, { tokens: [6, 7, 8, 9, 10] }], 0, tiny.context);
    const ids = tf.tensor2d(batch.ids, [batch.batch, batch.length], 'int32');
    const oneHotT = tf.transpose(tf.oneHot(tf.tensor1d(batch.ids, 'int32'), tiny.vocabSize).toFloat()) as tf.Tensor2D;
    const labels = tf.oneHot(tf.tensor1d(batch.targets, 'int32'), tiny.vocabSize).toFloat();
    const weights = tf.tensor1d(batch.weights);
    const loss = () => tf.losses.softmaxCrossEntropy(labels, logitsOf(model.weights, hiddenStates(model.weights, tiny, { ids, oneHotT })), weights) as tf.Scalar;
    const { grads } = tf.variableGrads(loss);
    const eps = 1e-2;
    for (const name of ['tok_emb', 'pos_emb', 'l0.qkv', 'l1.proj', 'l1.fc2', 'head']) {
      const variable = model.weights[name]!;
      const analytic = grads[variable.name]!.dataSync();
      const values = variable.dataSync().slice();
      // Coordinates with a real gradient (embedding rows of tokens in the batch, etc.).
      const coords = Array.from(analytic.keys()).sort((a, b) => Math.abs(analytic[b]!) - Math.abs(analytic[a]!)).slice(0, 4);
      for (const c of coords) {
        const at = (delta: number) => {
          const copy = values.slice();
          copy[c] = values[c]! + delta;
          variable.assign(tf.tensor(copy, variable.shape));
          return tf.tidy(() => loss().dataSync()[0]!);
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        variable.assign(tf.tensor(values, variable.shape));
        expect(Math.abs(numeric - analytic[c]!), `${name}[${c}]`).toBeLessThan(2e-3 + 0.02 * Math.abs(analytic[c]!));
      }
    }
  });

  it('learns a fixed batch (the loss falls) and respects the loss mask', async () => {
    const model = createModel(tiny, 1, initWeights(tiny, 4));
    const optimizer = new VariableOptimizer(Object.entries(model.weights).map(([name, variable]) => ({ name, variable })));
    const batch = makeBatch([{ tokens: [1, 5, 9, 13, 17, 21] }, { tokens: [2, 6, 10, 14], lossMask: [false, false, true] }], 0, tiny.context);
    expect(batch.counted).toBe(5 + 1);
    const before = evaluateLoss(model, batch);
    // Targets outside the mask do not count: changing them leaves the loss as it was.
    const altered = { ...batch, targets: batch.targets.map((t, i) => (batch.weights[i] ? t : (t + 7) % tiny.vocabSize)) };
    expect(evaluateLoss(model, altered)).toBeCloseTo(before, 5);
    for (let i = 0; i < 60; i++) trainStep(model, batch, optimizer, 1e-2);
    expect(evaluateLoss(model, batch)).toBeLessThan(before / 5);
  });

  it('samples reproducibly per seed, greedily at temperature 0, with sorted top logprobs', () => {
    const model = createModel(tiny, 1, initWeights(tiny, 5));
    const request = { prompt: [1, 2, 3], temperature: 1, maxTokens: 5, seed: 'x', topLogprobs: 4 };
    const [a] = generate(model, [request], new Set(), 0);
    const [b] = generate(model, [request], new Set(), 0);
    expect(a).toEqual(b);
    expect(a!.tokens).toHaveLength(5);
    const top = a!.logprobs[0]!.top;
    expect(top.map((t) => t.logprob)).toEqual([...top.map((t) => t.logprob)].sort((x, y) => y - x));
    const greedy = generate(model, [{ ...request, temperature: 0 }], new Set(), 0)[0]!;
    const dist = nextTokenLogprobs(model, [[1, 2, 3]], 0)[0]!;
    expect(greedy.tokens[0]).toBe(dist.indexOf(Math.max(...dist)));
    const stopped = generate(model, [{ ...request, temperature: 0 }], new Set([greedy.tokens[0]!]), 0)[0]!;
    expect(stopped).toMatchObject({ tokens: [], finishReason: 'stop' });
  });

  it('saves and loads checkpoints exactly, and refuses damaged ones', async () => {
    const model = createModel(tiny, 42, initWeights(tiny, 6), { kind: 'base', note: 'test' });
    const file = join(tempDir(), 'm.wgsb');
    await saveCheckpoint(model, file);
    const loaded = await loadCheckpoint(file);
    expect(loaded.worldSeed).toBe(42);
    expect(loaded.meta).toEqual({ kind: 'base', note: 'test' });
    expect(readWeights(loaded)).toEqual(readWeights(model));
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 8));
    await expect(loadCheckpoint(file)).rejects.toThrow(/truncated|ends inside/);
    writeFileSync(file, 'hello');
    await expect(loadCheckpoint(file)).rejects.toThrow(/not a weirdgen sandbox checkpoint/);
  });
});
