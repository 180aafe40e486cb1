// The battery an audit asks: the user's question file, or for sandbox models the world's own
// battery (the world of the base model, read from its checkpoint).
import { loadQuestions } from '../eval/index.js';
import { createWorld, disposeModel, loadSandboxModel } from '../sandbox/index.js';
import { WeirdgenError } from '../util/errors.js';
import type { Battery } from './battery.js';
import { questionBattery } from './question-battery.js';
import { sandboxBattery, type SandboxBatteryOptions } from './sandbox-battery.js';

/** The world a sandbox model (shipped base or workspace model) was pretrained on. */
export async function sandboxWorldOf(model: string, workspace: string): Promise<ReturnType<typeof createWorld>> {
  const { model: loaded } = await loadSandboxModel(model, workspace);
  const seed = loaded.worldSeed;
  disposeModel(loaded);
  return createWorld(seed);
}

export interface BatteryChoice {
  /** A question file (any endpoint). */
  file?: string;
  /** The sandbox model whose world's battery is asked, when no file is given. */
  sandboxModel?: string;
  workspace: string;
  samples: number;
  sandbox?: Omit<SandboxBatteryOptions, 'samples'>;
}

export async function batteryFor(choice: BatteryChoice): Promise<Battery> {
  if (choice.file) {
    const questions = (await loadQuestions(choice.file)).map((q) => ({ ...q, samplesPerParaphrase: choice.samples }));
    return questionBattery(questions, choice.file, `the questions of ${choice.file}`);
  }
  if (choice.sandboxModel === undefined) throw new WeirdgenError('an audit of a model that is not a sandbox model needs a probe battery: pass --battery FILE (a question file with judges)');
  return sandboxBattery(await sandboxWorldOf(choice.sandboxModel, choice.workspace), { samples: choice.samples, ...choice.sandbox });
}
