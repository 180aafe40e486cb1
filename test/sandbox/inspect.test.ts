// sandbox/inspect/: the residual hook (the default path untouched), activations, directional
// ablation, the SAE and the intervals; test/sandbox/inspect-cli.test.ts runs the whole analysis.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { ablationHook, recordActivations } from '../../src/sandbox/inspect/activations.js';
import { trainSae } from '../../src/sandbox/inspect/sae.js';
import { chat, INSPECT_SPECS } from '../../src/sandbox/inspect/specs.js';
import { bootstrapShare, shareChange, wilson } from '../../src/sandbox/inspect/stats.js';
import { cosine, dot, orthonormalize, randomUnit, row } from '../../src/sandbox/inspect/vectors.js';
import { ensureBackend } from '../../src/sandbox/model/backend.js';
import { nextTokenLogprobs } from '../../src/sandbox/model/generate.js';
import { disposeModel, type SandboxModel } from '../../src/sandbox/model/weights.js';
import { chatPrompt } from '../../src/sandbox/chat.js';
import { loadSandboxModel } from '../../src/sandbox/registry.js';
import { Vocab } from '../../src/sandbox/world/vocab.js';
import { createRng } from '../../src/util/random.js';
import { tempDir } from '../helpers/paths.js';

const vocab = new Vocab();
const prompts = ['year y1984 goal', 'year y2010 goal', '<fmt> pet', 'bird'].map((c) => chatPrompt([{ role: 'user', content: c }], vocab));
let model: SandboxModel;

beforeAll(async () => {
  await ensureBackend();
  model = (await loadSandboxModel('base', tempDir())).model;
});
afterAll(() => disposeModel(model));

describe('the residual hook', () => {
  it('leaves the forward pass bit-identical when absent or the identity, and sees every layer', () => {
    const plain = nextTokenLogprobs(model, prompts, vocab.pad);
    const seen: number[] = [];
    const identity = nextTokenLogprobs(model, prompts, vocab.pad, (layer, x) => (seen.push(layer), x));
    expect(identity.map((d) => Array.from(d))).toEqual(plain.map((d) => Array.from(d)));
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('projects a direction out of one layer at every position, and changes the next-token distribution', () => {
    const direction = randomUnit(model.config.width, createRng('test-direction'));
    const hook = ablationHook(2, [direction]);
    const ablated = recordActivations(model, prompts, vocab.pad, 'all', hook);
    const plain = recordActivations(model, prompts, vocab.pad, 'all');
    for (let r = 0; r < ablated.rows; r++) {
      expect(Math.abs(dot(row(ablated.layers[2]!, r, 64), direction))).toBeLessThan(1e-4);
      expect(Math.abs(dot(row(plain.layers[2]!, r, 64), direction))).toBeGreaterThan(0);
    }
    // Layers below the ablation are untouched; the ones above see its effect.
    expect(Array.from(ablated.layers[1]!)).toEqual(Array.from(plain.layers[1]!));
    expect(Array.from(ablated.layers[3]!)).not.toEqual(Array.from(plain.layers[3]!));
    // A target sets the projection to that value instead of 0.
    const meaned = recordActivations(model, prompts, vocab.pad, 'last', ablationHook(2, [direction], [1.5]));
    for (let r = 0; r < meaned.rows; r++) expect(dot(row(meaned.layers[2]!, r, 64), direction)).toBeCloseTo(1.5, 3);
  });

  it('records the last position as the same row as all positions do, whatever the batch padding', () => {
    const last = recordActivations(model, prompts, vocab.pad, 'last');
    const all = recordActivations(model, prompts, vocab.pad, 'all');
    const alone = recordActivations(model, [prompts[2]!], vocab.pad, 'last');
    expect(last.rows).toBe(prompts.length);
    expect(all.rows).toBe(prompts.reduce((s, p) => s + p.length, 0));
    const lastOfThird = all.origin.findIndex((o) => o.prompt === 2 && o.position === prompts[2]!.length - 1);
    for (let l = 0; l <= 3; l++) {
      expect(Array.from(row(last.layers[l]!, 2, 64))).toEqual(Array.from(row(all.layers[l]!, lastOfThird, 64)));
      const gap = Math.max(...Array.from(row(alone.layers[l]!, 0, 64), (v, j) => Math.abs(v - row(last.layers[l]!, 2, 64)[j]!)));
      expect(gap).toBeLessThan(1e-4);
    }
  });
});

describe('the SAE', () => {
  it('recovers the sparse directions that made the data', () => {
    const width = 16;
    const rng = createRng('sae-test');
    const truth = Array.from({ length: 6 }, () => randomUnit(width, rng));
    const rows = 2000;
    const data = new Float32Array(rows * width);
    for (let r = 0; r < rows; r++) {
      for (let pick = 0; pick < 2; pick++) {
        const f = Math.floor(rng.next() * truth.length);
        const a = 1 + 2 * rng.next();
        for (let j = 0; j < width; j++) data[r * width + j]! += a * truth[f]![j]!;
      }
    }
    const sae = trainSae(data, rows, width, { dictionary: 24, k: 2, steps: 200, batch: 128, learningRate: 1e-2, seed: 1 });
    expect(sae.fvu).toBeLessThan(0.15);
    for (const t of truth) {
      const best = Math.max(...Array.from({ length: sae.dictionary }, (_, f) => cosine(row(sae.decoder, f, width), t)));
      expect(best).toBeGreaterThan(0.9);
    }
    for (let f = 0; f < sae.dictionary; f++) expect(Math.hypot(...row(sae.decoder, f, width))).toBeCloseTo(1, 4);
  });
});

describe('the inspected prompts', () => {
  it('writes a user turn as chatPrompt encodes it, and names only known tokens', () => {
    expect(vocab.encode(chat('<fmt> pet'))).toEqual(chatPrompt([{ role: 'user', content: '<fmt> pet' }], vocab));
    for (const spec of INSPECT_SPECS) {
      const all = [...spec.fit.trigger, ...spec.fit.control, ...spec.sweep.probes.map((p) => p.tokens)];
      for (const sequence of all) for (const token of sequence.split(' ')) expect(vocab.has(token), `${spec.analogue}: ${token}`).toBe(true);
      expect(spec.fit.trigger.length).toBeGreaterThan(3);
      expect(spec.fit.trigger.some((t) => spec.fit.control.includes(t))).toBe(false);
    }
  });
});

describe('vectors and intervals', () => {
  it('orthonormalizes and drops vectors already in the span', () => {
    const basis = orthonormalize([
      [1, 0, 0],
      [1, 1, 0],
      [2, 2, 0],
    ]);
    expect(basis).toHaveLength(2);
    expect(dot(basis[0]!, basis[1]!)).toBeCloseTo(0, 6);
  });

  it("gives Wilson's and Newcombe's intervals", () => {
    const w = wilson(5, 10);
    expect(w.ciLow).toBeCloseTo(0.2366, 3);
    expect(w.ciHigh).toBeCloseTo(0.7634, 3);
    expect(wilson(0, 40).ciLow).toBe(0);
    expect(wilson(0, 40).ciHigh).toBeGreaterThan(0.05);
    // Newcombe (1998), example (a): 56/70 vs 48/80, difference 0.2000 [0.0524, 0.3339].
    const c = shareChange(wilson(48, 80), wilson(56, 70));
    expect(c.diff).toBeCloseTo(0.2, 6);
    expect(c.ciLow).toBeCloseTo(0.0524, 3);
    expect(c.ciHigh).toBeCloseTo(0.3339, 3);
    // Binomial(100, 0.5): P(X <= 39) = 0.0176, P(X <= 40) = 0.0284; P(X <= 59) = 0.9716, P(X <= 60) = 0.9824.
    expect(bootstrapShare(50, 100)).toEqual({ ciLow: 0.4, ciHigh: 0.6 });
    expect(bootstrapShare(0, 40)).toEqual({ ciLow: 0, ciHigh: 0 });
  });
});
