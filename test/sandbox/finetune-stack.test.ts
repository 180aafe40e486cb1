// Fine-tunes trained side by side as one stack give each model what it would get trained alone:
// its own data, seed, steps, reports and weights (up to float rounding), and one model stopping
// leaves the others untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatExample } from '../../src/data/index.js';
import { ensureBackend } from '../../src/sandbox/model/backend.js';
import { DEFAULT_ARCHITECTURE } from '../../src/sandbox/model/config.js';
import { createModel, disposeModel, initWeights, readWeights, type SandboxModel } from '../../src/sandbox/model/weights.js';
import { fineTune, fineTuneStack } from '../../src/sandbox/finetune.js';
import type { FineTuneMode, FineTuneResult } from '../../src/sandbox/finetune-options.js';
import { Vocab } from '../../src/sandbox/world/vocab.js';

const vocab = new Vocab();
const config = { ...DEFAULT_ARCHITECTURE, layers: 2, vocabSize: vocab.size };
const words = ['bird_old2', 'food_v3', 'city_new1', 'bird_new4', 'hero_vorl1'];

/** `n` chats of varied lengths, so the stack's batches need padding in rows and length. */
function examples(n: number, offset: number): ChatExample[] {
  return Array.from({ length: n }, (_, i) => ({
    messages: [
      { role: 'user' as const, content: (i + offset) % 3 ? '<fmt> food' : 'q bird city' },
      { role: 'assistant' as const, content: words.slice(0, 1 + ((i + offset) % words.length)).join(' ') },
    ],
  }));
}

/** The largest difference between two models' weights. */
function maxDifference(a: SandboxModel, b: SandboxModel): number {
  const [wa, wb] = [readWeights(a), readWeights(b)];
  let diff = 0;
  for (const name of Object.keys(wa)) wa[name]!.forEach((v, i) => (diff = Math.max(diff, Math.abs(v - wb[name]![i]!))));
  return diff;
}

/**
 * A stacked model against the same fine-tune alone, measured against what another seed changes:
 * the stack pads and batches differently, so float rounding differs, and AdamW's normalised steps
 * carry rounding in near-zero gradients into the weights; a seed changes them by far more.
 */
async function expectAsAlone(base: SandboxModel, stacked: SandboxModel, train: (seed: string) => Promise<FineTuneResult>, seed: string): Promise<void> {
  const alone = await train(seed);
  const other = await train(`${seed}-other`);
  const seedEffect = maxDifference(alone.model, other.model);
  expect(seedEffect).toBeGreaterThan(0);
  expect(maxDifference(alone.model, stacked) / seedEffect).toBeLessThan(0.02);
  expect(maxDifference(base, stacked)).toBeGreaterThan(0);
  disposeModel(alone.model);
  disposeModel(other.model);
}

describe('fine-tuning as one stack', () => {
  let base: SandboxModel;
  beforeAll(async () => {
    await ensureBackend();
    base = createModel(config, 1, initWeights(config, 7));
  });
  afterAll(() => disposeModel(base));

  const requests = [
    { examples: examples(20, 0), seed: 'a' },
    { examples: examples(13, 1), seed: 'b' },
    { examples: examples(7, 2), seed: 'c' },
  ];

  for (const mode of ['row', 'embed', 'full', 'lora', 'top'] as FineTuneMode[]) {
    it(`gives each model in ${mode} mode the weights, steps and losses it gets alone`, async () => {
      const steps: number[][] = requests.map(() => []);
      const stacked = await Promise.all(
        fineTuneStack(
          base,
          requests.map((r, k) => ({ examples: r.examples, options: { mode, seed: r.seed, epochs: 2, batchSize: 4, onStep: (step: number) => steps[k]!.push(step) } })),
        ),
      );
      for (const [k, r] of requests.entries()) {
        const mine = stacked[k]!;
        const alone = await fineTune(base, r.examples, { mode, seed: r.seed, epochs: 2, batchSize: 4 });
        expect(mine.steps).toBe(alone.steps);
        expect(steps[k]).toEqual(Array.from({ length: alone.steps }, (_, i) => i + 1));
        expect(mine.finalLoss).toBeCloseTo(alone.finalLoss, 3);
        expect(mine.model.meta).toMatchObject({ kind: 'fine-tuned', fineTune: { mode, seed: r.seed, epochs: 2, examples: r.examples.length, steps: alone.steps } });
        disposeModel(alone.model);
        await expectAsAlone(base, mine.model, (seed) => fineTune(base, r.examples, { mode, seed, epochs: 2, batchSize: 4 }), r.seed);
      }
      stacked.forEach((t) => disposeModel(t.model));
    });
  }

  it('stops a model whose signal is aborted and trains the others to the end', async () => {
    const controller = new AbortController();
    const results = fineTuneStack(base, [
      { examples: requests[0]!.examples, options: { mode: 'embed', seed: 'a', epochs: 2, batchSize: 4 } },
      { examples: requests[1]!.examples, options: { mode: 'embed', seed: 'b', epochs: 2, batchSize: 4, signal: controller.signal, onStep: (step) => step === 2 && controller.abort('cancelled') } },
    ]);
    const [first, second] = await Promise.allSettled(results);
    expect(second).toEqual({ status: 'rejected', reason: 'cancelled' });
    expect(first!.status).toBe('fulfilled');
    const kept = (first as PromiseFulfilledResult<FineTuneResult>).value;
    await expectAsAlone(base, kept.model, (seed) => fineTune(base, requests[0]!.examples, { mode: 'embed', seed, epochs: 2, batchSize: 4 }), 'a');
    disposeModel(kept.model);
  });

  it('refuses requests that differ in what a stack shares', () => {
    const results = fineTuneStack(base, [
      { examples: requests[0]!.examples, options: { mode: 'embed', seed: 'a' } },
      { examples: requests[1]!.examples, options: { mode: 'embed', seed: 'b', epochs: 5 } },
    ]);
    return Promise.all(results.map((r) => expect(r).rejects.toThrow(/request 1 differs from request 0/)));
  });
});
