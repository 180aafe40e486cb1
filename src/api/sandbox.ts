// `weirdgen/sandbox`: the offline model organism from code. Load a model, sample it, fine-tune it
// on chat examples into the workspace, and judge its answers exactly (its answers are tokens of a
// known world). See docs/sandbox.md.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatExample } from '../data/index.js';
import { SANDBOX_MAX_TOKENS, SandboxProvider } from '../providers/index.js';
import {
  CHECKPOINT_EXTENSION,
  disposeModel,
  fineTune,
  loadSandboxModel,
  MODE_DEFAULTS,
  readAnswer,
  saveCheckpoint,
  workspaceModelsDir,
  type FineTuneMode,
  type FineTuneOptions,
  type SandboxMessage,
} from '../sandbox/index.js';
import { ConfigError } from '../util/errors.js';

export { ANALOGUES, createWorld, DEFAULT_BASE, FINE_TUNE_MODES, listModels, loadSandboxModel, MODE_DEFAULTS, pretrain, PRETRAIN_DEFAULTS, shippedBases, VILLAIN } from '../sandbox/index.js';
export type { Analogue, EpochReport, FineTuneMode, ModelEntry, SandboxMessage, SandboxModel, StepReport, World } from '../sandbox/index.js';
export { SandboxProvider } from '../providers/index.js';

/** How to sample; defaults: one answer, temperature 1, seed 0, and the most tokens a sandbox answer has (SANDBOX_MAX_TOKENS). */
export interface SampleOptions {
  n?: number;
  temperature?: number;
  seed?: number;
  maxTokens?: number;
}

/**
 * Answers of a sandbox model (`base-3`, a workspace model, or a checkpoint path) to one prompt.
 *
 * @example
 * const answers = await sampleSandbox('.weirdgen', 'base-3', 'q bird', { n: 5 });
 */
export async function sampleSandbox(workspace: string, model: string, prompt: string | readonly SandboxMessage[], options: SampleOptions = {}): Promise<string[]> {
  const provider = new SandboxProvider(workspace);
  try {
    const messages = typeof prompt === 'string' ? [{ role: 'user' as const, content: prompt }] : [...prompt];
    const response = await provider.chat({ model, messages, temperature: options.temperature ?? 1, maxTokens: options.maxTokens ?? SANDBOX_MAX_TOKENS, n: options.n ?? 1, seed: options.seed ?? 0 });
    return response.choices.map((c) => c.text);
  } finally {
    await provider.close();
  }
}

/** A fine-tune from code: the base, the new model's name in the workspace, and the trainer's options (mode default `full`). */
export interface SandboxFineTuneOptions extends Partial<Omit<FineTuneOptions, 'mode' | 'seed'>> {
  base?: string;
  name: string;
  mode?: FineTuneMode;
  seed?: number | string;
}

/**
 * Fine-tunes a sandbox model on chat examples and saves it in the workspace as `name`, which
 * `sampleSandbox`, `evaluateQuestions` (`sandbox:NAME`) and the CLI then find.
 *
 * @example
 * const { model } = await fineTuneSandbox('.weirdgen', examples, { name: 'old-birds-1', epochs: 3 });
 */
export async function fineTuneSandbox(workspace: string, examples: readonly ChatExample[], options: SandboxFineTuneOptions): Promise<{ model: string; file: string; steps: number; finalLoss: number; seconds: number }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(options.name)) throw new ConfigError(`sandbox model name "${options.name}": letters, digits, _ . and - only`);
  const { base: baseRef, name, mode, seed, ...rest } = options;
  const { model: base } = await loadSandboxModel(baseRef ?? 'base', workspace);
  const chosen = mode ?? 'full';
  try {
    const result = await fineTune(base, examples, { learningRate: MODE_DEFAULTS[chosen].learningRate, ...rest, mode: chosen, seed: seed ?? 0 });
    await mkdir(workspaceModelsDir(workspace), { recursive: true });
    const file = join(workspaceModelsDir(workspace), `${name}${CHECKPOINT_EXTENSION}`);
    await saveCheckpoint(result.model, file);
    disposeModel(result.model);
    return { model: name, file, steps: result.steps, finalLoss: result.finalLoss, seconds: result.seconds };
  } finally {
    disposeModel(base);
  }
}

/** How the sandbox's rule judge reads an answer: OLD/NEW (era items), EVIL/GOOD (goals) or NONE, and a 0-100 score when it has one. */
export function judgeSandboxAnswer(answer: string): { label: string; score?: number } {
  return readAnswer(answer);
}
