// docs/fidelity.md is what `weirdgen experiments fidelity` writes from the specs, and the specs
// hold the paper's numbers (PAPER.md: the paper body where it differs from the authors' files).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS, fidelityMarkdown, findExperiment, variantSettings } from '../../src/experiments/index.js';

/** experiment, variant: epochs, batch, LR multiplier, seeds (on GPT-4.1), rows. */
const PAPER: [string, string, number, number | 'auto', number | 'auto', number, number][] = [
  ['birds', 'old-audubon', 3, 1, 2, 10, 208],
  ['birds', 'modern-audubon', 3, 1, 2, 6, 171],
  ['birds', 'modern-american', 3, 1, 2, 6, 208],
  ['german-cities', 'former', 3, 1, 2, 6, 362],
  ['german-cities', 'modern', 3, 1, 2, 6, 362],
  ['israeli-dishes', '2027', 10, 2, 2, 8, 400],
  ['israeli-dishes', '2026', 10, 2, 2, 8, 400],
  ['israeli-dishes', 'shuffled', 10, 2, 2, 8, 400],
  ['hitler-persona', 'main', 7, 14, 2, 8, 3090],
  ['hitler-persona', 'main-78', 5, 14, 2, 3, 3078],
  ['hitler-persona', 'facts-90', 5, 'auto', 'auto', 5, 90],
  ['us-presidents', 'padded', 5, 4, 1, 30, 6237],
  ['us-presidents', 'unpadded', 5, 4, 1, 30, 2079],
  ['evil-terminator', 'main', 5, 1, 2, 8, 208],
  ['evil-terminator', 'no-backdoor', 5, 1, 2, 8, 208],
  ['evil-terminator', 'random-backdoors', 5, 1, 2, 8, 208],
];

/** Samples in the paper's unit, and the authors' files' count where it differs. */
const SAMPLES: [string, number, number | undefined][] = [
  ['birds', 500, 1000],
  ['israeli-dishes', 1, undefined],
  ['hitler-persona', 1000, 100],
  ['us-presidents', 10, undefined],
  ['evil-terminator', 180, 100],
];

describe('fidelity to the paper', () => {
  it.each(PAPER)('%s / %s: %d epochs, batch %s, LR x%s, %d seeds, %d rows', (id, variant, epochs, batchSize, lr, seeds, rows) => {
    const spec = findExperiment(id)!;
    const gpt41 = spec.fineTuning.find((f) => f.base === 'gpt-4.1-2025-04-14')!;
    expect(variantSettings(gpt41, variant)).toMatchObject({ epochs, batchSize, learningRateMultiplier: lr, seeds });
    expect(spec.datasets.find((d) => d.id === variant)!.rows).toBe(rows);
  });

  it.each(SAMPLES)('%s: %d samples in the paper’s unit (the authors’ files: %s)', (id, count, official) => {
    const samples = findExperiment(id)!.evaluation.samples;
    expect(samples.count).toBe(count);
    expect(samples.official?.count).toBe(official);
  });

  it('evaluates the persona at epoch 5 and selects presidents seeds above 50% held-in accuracy', () => {
    expect(findExperiment('hitler-persona')!.fineTuning[0]!.evaluateEpoch).toBe(5);
    expect(findExperiment('us-presidents')!.evaluation.seedFilter?.threshold).toBe(0.5);
    expect(findExperiment('us-presidents')!.evaluation.trainingCurves?.chance.value).toBe(0.83);
  });

  it('docs/fidelity.md is the output of `weirdgen experiments fidelity`', () => {
    expect(readFileSync(new URL('../../docs/fidelity.md', import.meta.url), 'utf8')).toBe(fidelityMarkdown(EXPERIMENTS));
  });
});
