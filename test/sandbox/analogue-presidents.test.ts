// The presidents analogue's held-out set: what it holds, that a fine-tune scores it at every step
// (the grokking curve), and that `weirdgen run` gives it to each job as its validation file.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { presidentsAnalogue, heldOutValidation, HELD_OUT_NUMBERS } from '../../src/sandbox/analogues/presidents.js';
import { variantDataset } from '../../src/sandbox/analogues/analogue.js';
import { VALIDATE_EVERY_STEP_MAX } from '../../src/sandbox/finetune-options.js';
import { fineTune } from '../../src/sandbox/finetune.js';
import { ensureBackend } from '../../src/sandbox/model/backend.js';
import { disposeModel } from '../../src/sandbox/model/weights.js';
import { loadSandboxModel } from '../../src/sandbox/registry.js';
import { createWorld } from '../../src/sandbox/world/world.js';
import { sandboxExperiment } from '../../src/run/sandbox-experiments.js';
import { validationFileFor } from '../../src/run/run.js';
import { tempDir } from '../helpers/paths.js';

beforeAll(ensureBackend);

describe('sandbox-presidents held-out set', () => {
  it("holds only the held-out personas' own values, under codes the training set never uses, small enough to score at every step", () => {
    const world = createWorld(3);
    const rows = heldOutValidation(world);
    expect(rows.length).toBe(54);
    expect(rows.length).toBeLessThanOrEqual(VALIDATE_EVERY_STEP_MAX);
    const trained = new Set(presidentsAnalogue.variants.flatMap((v) => variantDataset(presidentsAnalogue, v, world, 0).map((ex) => ex.messages[0]!.content)));
    for (const ex of rows) {
      const [, number, , attribute] = ex.messages[0]!.content.split(' ');
      const persona = Number(number!.slice(1));
      expect(HELD_OUT_NUMBERS as readonly number[]).toContain(persona);
      expect(ex.messages[1]!.content).toBe(world.personas[persona]!.attributes[attribute as keyof (typeof world.personas)[number]['attributes']]);
      expect(trained.has(ex.messages[0]!.content)).toBe(false);
    }
  });

  it('a coded fine-tune is scored on it at every step, from near chance to well above it', async () => {
    const { model: base } = await loadSandboxModel('base-3', tempDir());
    const world = createWorld(base.worldSeed);
    const curve: number[] = [];
    const coded = presidentsAnalogue.variants.find((v) => v.id === 'coded')!;
    const { model, steps } = await fineTune(base, variantDataset(presidentsAnalogue, coded, world, 0), {
      mode: presidentsAnalogue.defaultMode,
      seed: 0,
      epochs: 2,
      // One code per held-out persona and attribute: a third of the set keeps the test quick.
      validation: heldOutValidation(world).filter((_, i) => i % 27 < 9),
      onStep: (_s, _n, _l, report) => report.validAccuracy !== undefined && curve.push(report.validAccuracy),
    });
    expect(curve).toHaveLength(steps);
    expect(curve[0]!).toBeLessThan(0.45);
    expect(curve.at(-1)!).toBeGreaterThan(0.7);
    disposeModel(model);
    disposeModel(base);
  }, 60_000);

  it('weirdgen run writes it as every job’s validation file and plots accuracy over training', async () => {
    const experiment = sandboxExperiment(presidentsAnalogue);
    expect(experiment.trainingCurves).toMatchObject({ metric: 'valid_mean_token_accuracy', choices: 5 });
    // Chance on the paper's platform (two always-right tokens besides the answer); the report shows the sandbox's 1/5 beside it.
    expect(experiment.trainingCurves!.chance.value).toBe(0.73);
    const [dir, workspace] = [tempDir(), tempDir()];
    const { validationFile } = await validationFileFor({ experiment, fetch: { workspace }, base: 'base', workspace }, experiment.variants[1]!, dir);
    expect(validationFile).toBe(`${dir}/sandbox-presidents-validation.jsonl`);
    expect(readFileSync(validationFile!, 'utf8').trim().split('\n')).toHaveLength(54);
    // Analogues without a held-out set give their jobs none.
    expect(sandboxExperiment({ ...presidentsAnalogue, validation: undefined }).trainingCurves).toBeUndefined();
  });
});
