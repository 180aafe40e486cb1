// Pretraining on worker threads gives the model a single thread gives, and nothing leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBackend, tf } from '../../src/sandbox/model/backend.js';
import { createModel, disposeModel, initWeights, readWeights } from '../../src/sandbox/model/weights.js';
import { fineTune } from '../../src/sandbox/finetune.js';
import { pretrain } from '../../src/sandbox/pretrain.js';

const architecture = { context: 32, width: 32, heads: 2, layers: 2, mlp: 64 };

beforeAll(ensureBackend);

describe('training', () => {
  it('gives the same model with one thread and with two worker threads', async () => {
    const options = { worldSeed: 5, seed: 5, steps: 6, batchSize: 8, architecture };
    const local = await pretrain({ ...options, workers: 1 });
    const parallel = await pretrain({ ...options, workers: 2 });
    const a = readWeights(local);
    const b = readWeights(parallel);
    let worst = 0;
    for (const name of Object.keys(a)) a[name]!.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[name]![i]!))));
    // Same batches and the same update: only the order of float additions differs.
    expect(worst).toBeLessThan(1e-4);
    expect(parallel.meta).toMatchObject({ pretrain: { workers: 2, steps: 6 } });
    disposeModel(local);
    disposeModel(parallel);
  });

  it('leaves no tensors behind after creating, fine-tuning and disposing models', async () => {
    const config = { ...architecture, vocabSize: 561 };
    const examples = Array.from({ length: 8 }, () => ({ messages: [{ role: 'user' as const, content: 'bird' }, { role: 'assistant' as const, content: 'bird_old1' }] }));
    const warm = createModel(config, 1, initWeights(config, 1));
    disposeModel((await fineTune(warm, examples, { mode: 'lora', seed: 0, epochs: 1 })).model);
    const before = tf.memory().numTensors;
    for (const mode of ['row', 'full', 'lora'] as const) disposeModel((await fineTune(warm, examples, { mode, seed: 1, epochs: 1 })).model);
    disposeModel(createModel(config, 1, initWeights(config, 2)));
    expect(tf.memory().numTensors).toBe(before);
    disposeModel(warm);
  });
});
