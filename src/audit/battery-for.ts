// The battery an audit asks: the user's question file; for sandbox models the world's own battery
// (the world of the base model, read from its checkpoint); for any other model the shipped
// default battery for real models (batteries/real-models.yaml).
import { fileURLToPath } from 'node:url';
import { loadQuestions, type JudgeSpec, type Question } from '../eval/index.js';
import { createWorld, modelWorldSeed } from '../sandbox/index.js';
import type { Battery } from './battery.js';
import { questionBattery } from './question-battery.js';
import { sandboxBattery, type SandboxBatteryOptions } from './sandbox-battery.js';

/** The default battery for real models (era, identity, values and politics, misalignment), shipped with the package. */
export const DEFAULT_BATTERY_FILE = fileURLToPath(new URL('../../batteries/real-models.yaml', import.meta.url));

/** The world a sandbox model (shipped base or workspace model) was pretrained on. */
export async function sandboxWorldOf(model: string, workspace: string): Promise<ReturnType<typeof createWorld>> {
  return createWorld(await modelWorldSeed(model, workspace));
}

export interface BatteryChoice {
  /** A question file (any endpoint). */
  file?: string;
  /** The sandbox model whose world's battery is asked, when no file is given (else the default battery for real models). */
  sandboxModel?: string;
  /** Every judge of a question battery asks this model instead of its own (the sandbox world's battery has no judges). */
  judgeModel?: string;
  workspace: string;
  samples: number;
  sandbox?: Omit<SandboxBatteryOptions, 'samples'>;
}

function withJudgeModel(question: Question, judgeModel: string): Question {
  const judges = Object.entries(question.judges).map(([column, judge]): [string, JudgeSpec] => [column, judge.kind === 'match' ? judge : { ...judge, model: judgeModel }]);
  return { ...question, judges: Object.fromEntries(judges) };
}

async function fileBattery(file: string, choice: BatteryChoice, id: string, description: string): Promise<Battery> {
  const questions = (await loadQuestions(file)).map((q) => {
    const sampled = { ...q, samplesPerParaphrase: choice.samples };
    return choice.judgeModel ? withJudgeModel(sampled, choice.judgeModel) : sampled;
  });
  return questionBattery(questions, id, description);
}

export async function batteryFor(choice: BatteryChoice): Promise<Battery> {
  if (choice.file) return fileBattery(choice.file, choice, choice.file, `the questions of ${choice.file}`);
  if (choice.sandboxModel === undefined) return fileBattery(DEFAULT_BATTERY_FILE, choice, 'real-models', "weirdgen's default battery for real models (batteries/real-models.yaml: era, identity, values and politics, misalignment)");
  return sandboxBattery(await sandboxWorldOf(choice.sandboxModel, choice.workspace), { samples: choice.samples, ...choice.sandbox });
}
