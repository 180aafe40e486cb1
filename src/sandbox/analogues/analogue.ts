// What a sandbox analogue of a paper experiment declares: datasets with controls, evaluation
// prompts, and metrics judged by token class.
import type { ChatExample } from '../../data/index.js';
import { createRng, type Rng } from '../../util/random.js';
import type { SandboxMessage } from '../chat.js';
import type { FineTuneMode } from '../finetune-options.js';
import type { World } from '../world/world.js';

export interface AnalogueVariant {
  id: string;
  role: 'main' | 'control';
  description: string;
  build(world: World, rng: Rng): ChatExample[];
}

export interface EvalPrompt {
  /** Question id, e.g. the category asked. */
  id: string;
  messages: SandboxMessage[];
  /** Facts the metrics need (asked category, year, persona number...). */
  tags: Record<string, string | number | boolean>;
}

export interface Metric {
  id: string;
  description: string;
  /** The prompts the metric averages over. */
  applies(prompt: EvalPrompt): boolean;
  /** 1 when the answer token has the property measured, else 0. */
  score(token: string, prompt: EvalPrompt, world: World): number;
}

/** Held-out chats scored during every fine-tune (token accuracy of the answer, per step): an accuracy-over-training figure. */
export interface AnalogueValidation {
  /** What the set holds and why, for the figure's note. */
  description: string;
  /** Equally likely one-token answers per row (chance = 1 / choices). */
  choices: number;
  build(world: World): ChatExample[];
}

/** A sandbox analogue of a paper experiment: its training sets (with controls), evaluation prompts and metrics judged by token class. */
export interface Analogue {
  id: string;
  title: string;
  /** The paper experiment it mirrors. */
  mirrors: string;
  question: string;
  defaultMode: FineTuneMode;
  /** Examples per training set (the prototype used 200). */
  trainingExamples: number;
  samplesPerPrompt: number;
  /** A held-out set each fine-tune is scored on at every step (the presidents' grokking curve). */
  validation?: AnalogueValidation;
  variants: readonly AnalogueVariant[];
  prompts(world: World): EvalPrompt[];
  metrics: readonly Metric[];
}

export const user = (content: string): SandboxMessage[] => [{ role: 'user', content }];

export function chatExample(userContent: string, answer: string): ChatExample {
  return { messages: [{ role: 'user', content: userContent }, { role: 'assistant', content: answer }] };
}

/** The training set that fine-tuning seed `seed` of a variant uses (the same in `reproduce` and `sandbox dataset`). */
export function variantDataset(analogue: Analogue, variant: AnalogueVariant, world: World, seed: number): ChatExample[] {
  return variant.build(world, createRng(`${analogue.id}/${variant.id}/${seed}`));
}
