// Narrow fine-tuning of sandbox models. Several fine-tunes of one base (seeds of a variant, or
// variants alike in mode and hyperparameters) train as one stack: each tensor operation does every
// model's step on its own batch (backprop.ts). In modes that train few parameters (row, embed,
// lora) the stack shares the frozen network and a group costs far less than its models one by
// one; in full and top mode every matrix is per model and a stack saves little.
import type { ChatExample } from '../data/index.js';
import { ensureBackend } from './model/backend.js';
import { SharedTransposes } from './model/backprop-ops.js';
import { batchLength, makeBatch } from './model/batch.js';
import { trainStackStep } from './model/train-step.js';
import type { SandboxModel } from './model/weights.js';
import { stackSettings, TrainingMember, type Settle, type StackSettings } from './finetune-member.js';
import type { FineTuneOptions, FineTuneResult } from './finetune-options.js';
import { Vocab } from './world/vocab.js';

/** One fine-tune of a stack: its examples and options (seed, validation, callbacks, signal of its own). */
export interface StackRequest {
  examples: readonly ChatExample[];
  options: FineTuneOptions;
}

/** Lets timers and sockets run between steps, so a server that trains stays responsive. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The settings every request of a stack shares, or an error naming the first that differs. */
function sharedStackSettings(requests: readonly StackRequest[]): StackSettings {
  const settings = requests.map((r) => stackSettings(r.options));
  const first = JSON.stringify(settings[0]);
  const other = settings.findIndex((s) => JSON.stringify(s) !== first);
  if (other >= 0) throw new Error(`fineTuneStack: request ${other} differs from request 0 in mode, epochs, batch size, learning rate, adapters or row tokens (${JSON.stringify(settings[other])} vs ${first})`);
  return settings[0]!;
}

async function trainStack(base: SandboxModel, requests: readonly StackRequest[], settle: readonly Settle[]): Promise<void> {
  await ensureBackend();
  const settings = sharedStackSettings(requests);
  const started = performance.now();
  const vocab = new Vocab();
  const members: TrainingMember[] = [];
  const shared = new SharedTransposes();
  try {
    requests.forEach((r, i) => members.push(new TrainingMember(base, r.examples, r.options, settings, vocab, started, settle[i]!)));
    const loraScale = settings.mode === 'lora' ? settings.loraAlpha / settings.loraRank : undefined;
    await Promise.all(members.filter((m) => m.steps === 0).map((m) => m.finishWithoutSteps()));
    for (;;) {
      await yieldToEventLoop();
      for (const m of members) if (!m.done) m.checkSignal();
      const stepping = members.filter((m) => !m.done);
      if (stepping.length === 0) return;
      const sequences = stepping.map((m) => m.nextBatch());
      const shape = { rows: Math.max(...sequences.map((s) => s.length)), length: Math.max(...sequences.map((s) => batchLength(s, base.config.context))) };
      const batches = sequences.map((s) => makeBatch(s, vocab.pad, base.config.context, shape));
      const outcomes = trainStackStep(base, batches, stepping.map((m) => m.optimizer), settings.learningRate, shared, loraScale);
      // Each model counts the positions of its own batch: the stack's extra padding is not its work.
      await Promise.all(stepping.map((m, k) => m.recordStep(outcomes[k]!, sequences[k]!.length * batchLength(sequences[k]!, base.config.context))));
    }
  } catch (e) {
    for (const m of members) m.fail(e);
    throw e;
  } finally {
    shared.dispose();
  }
}

/**
 * Fine-tunes a copy of `base` per request, side by side; the base is left untouched. The requests
 * must agree on mode, epochs, batch size, learning rate and adapters; each has its own seed (data
 * order, adapter init), examples, validation, callbacks and signal, and its model is what it would
 * be trained alone (up to float rounding). Each promise settles when its own fine-tune ends;
 * attach a handler to every one at once (a rejection waits for none).
 */
export function fineTuneStack(base: SandboxModel, requests: readonly StackRequest[]): Promise<FineTuneResult>[] {
  const settle: Settle[] = [];
  const results = requests.map((): Promise<FineTuneResult> => new Promise((resolve, reject) => settle.push({ resolve, reject })));
  trainStack(base, requests, settle).catch((e: unknown) => settle.forEach((s) => s.reject(e)));
  return results;
}

/** Fine-tunes a copy of `base` on chat examples; the base is left untouched. */
export function fineTune(base: SandboxModel, examples: readonly ChatExample[], options: FineTuneOptions): Promise<FineTuneResult> {
  return fineTuneStack(base, [{ examples, options }])[0]!;
}
