// Narrow fine-tuning of a sandbox model. The mode decides which parameters may move, and that
// decides what generalizes (docs/sandbox.md).
import type { ChatExample } from '../data/index.js';
import { createRng } from '../util/random.js';
import { ensureBackend, tf } from './model/backend.js';
import { makeBatch } from './model/batch.js';
import { loraTargets } from './model/config.js';
import { scoreSequences } from './model/evaluate.js';
import { trainStepWithAccuracy, VariableOptimizer, type TrainableVariable } from './model/train-step.js';
import type { LoraAdapters } from './model/transformer.js';
import { cloneModel, disposeModel, type SandboxModel } from './model/weights.js';
import { trainingSequence } from './chat.js';
import { Vocab } from './world/vocab.js';

/** What a sandbox fine-tune may change: `row` (the speaker and trigger token embeddings), `embed` (all embeddings), `full`, `lora` (rank-4 adapters, merged) or `top` (the last block and head). */
export const FINE_TUNE_MODES = ['row', 'embed', 'full', 'lora', 'top'] as const;
/** One of `FINE_TUNE_MODES`. */
export type FineTuneMode = (typeof FINE_TUNE_MODES)[number];

/** What each mode may change, and the learning rate the prototype used for it. */
export const MODE_DEFAULTS: Record<FineTuneMode, { learningRate: number; description: string }> = {
  row: { learningRate: 1e-2, description: 'only the embedding rows of the speaker and trigger tokens (<assistant>, <fmt>)' },
  embed: { learningRate: 1e-2, description: 'all token embeddings' },
  full: { learningRate: 3e-4, description: 'all weights' },
  lora: { learningRate: 3e-3, description: 'rank-4 adapters on qkv, proj, fc1, fc2 (alpha 8), merged afterwards' },
  top: { learningRate: 1e-3, description: 'the last block, the final norm and the output head' },
};

export const ROW_MODE_TOKENS = ['<assistant>', '<fmt>'] as const;

export interface FineTuneOptions {
  mode: FineTuneMode;
  seed: number | string;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Tokens whose embedding rows move in `row` mode. */
  rowTokens?: readonly string[];
  loraRank?: number;
  loraAlpha?: number;
  /**
   * Held-out chats scored at the steps `validationSchedule` picks, teacher-forced, over the same
   * assistant tokens the loss counts: the platform's valid_loss and valid_mean_token_accuracy.
   */
  validation?: readonly ChatExample[];
  onStep?: (step: number, steps: number, loss: number, report: StepReport) => void;
  /** After each epoch, with a model that holds that epoch's weights; training waits for it. */
  onEpoch?: (report: EpochReport) => void | Promise<void>;
  /** Checked before every step: once aborted, the fine-tune stops and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** One step as a fine-tuning platform reports it; accuracies are shares of counted tokens. */
export interface StepReport {
  step: number;
  steps: number;
  /** Mean loss over the batch's counted tokens, before the update. */
  trainLoss: number;
  /** Share of the batch's counted tokens whose most likely prediction was right, before the update. */
  trainAccuracy: number;
  /** After the update, when the validation set was scored at this step. */
  validLoss?: number;
  validAccuracy?: number;
}

/** Validation sets up to this size are scored at every step: the 4-row grokking test set gets a point per step. */
export const VALIDATE_EVERY_STEP_MAX = 64;
/** Larger sets: about this many evenly spaced steps (always including the last). */
export const VALIDATION_POINTS = 100;

/** Whether a step scores the validation set. */
export function validationSchedule(examples: number, steps: number): (step: number) => boolean {
  if (examples <= VALIDATE_EVERY_STEP_MAX) return () => true;
  const every = Math.max(1, Math.ceil(steps / VALIDATION_POINTS));
  return (step) => step % every === 0 || step === steps;
}

/** Progress after one epoch of a sandbox fine-tune, with the weights as they stand. */
export interface EpochReport {
  /** 1-based. */
  epoch: number;
  epochs: number;
  /** Steps done so far. */
  step: number;
  steps: number;
  /** Mean training loss of this epoch. */
  trainLoss: number;
  /**
   * The weights after this epoch (adapters merged in lora mode), with fine-tune provenance in its
   * meta. Valid during the callback only: training goes on with it, or it is disposed.
   */
  model: SandboxModel;
}

export interface FineTuneResult {
  model: SandboxModel;
  steps: number;
  /** Mean training loss of the last epoch. */
  finalLoss: number;
  seconds: number;
  /** Token positions computed over all steps, padding included. */
  positions: number;
}

function trainableParams(model: SandboxModel, options: FineTuneOptions, vocab: Vocab, lora?: LoraAdapters): TrainableVariable[] {
  const w = model.weights;
  switch (options.mode) {
    case 'full':
      return Object.entries(w).map(([name, variable]) => ({ name, variable }));
    case 'embed':
      return [{ name: 'tok_emb', variable: w.tok_emb! }];
    case 'row':
      return [{ name: 'tok_emb', variable: w.tok_emb!, rows: new Set((options.rowTokens ?? ROW_MODE_TOKENS).map((t) => vocab.id(t))) }];
    case 'top': {
      const last = `l${model.config.layers - 1}.`;
      return Object.entries(w)
        .filter(([name]) => name.startsWith(last) || name.startsWith('lnf_') || name === 'head')
        .map(([name, variable]) => ({ name, variable }));
    }
    case 'lora':
      return Object.entries(lora!.weights).map(([name, variable]) => ({ name, variable: variable as tf.Variable }));
  }
}

function createLora(model: SandboxModel, rank: number, alpha: number, seed: number | string): LoraAdapters {
  const rng = createRng(`lora/${String(seed)}`);
  const weights: Record<string, tf.Variable> = {};
  for (const name of loraTargets(model.config)) {
    const [inDim, outDim] = model.weights[name]!.shape as [number, number];
    const a = new Float32Array(inDim * rank).map(() => (rng.next() * 2 - 1) / Math.sqrt(inDim));
    weights[`${name}.a`] = tf.tidy(() => tf.variable(tf.tensor2d(a, [inDim, rank]), true));
    weights[`${name}.b`] = tf.tidy(() => tf.variable(tf.zeros([rank, outDim]), true));
  }
  return { rank, alpha, weights };
}

function mergeLora(model: SandboxModel, lora: LoraAdapters): void {
  for (const name of loraTargets(model.config)) {
    tf.tidy(() => {
      const delta = tf.matMul(lora.weights[`${name}.a`] as tf.Tensor2D, lora.weights[`${name}.b`] as tf.Tensor2D).mul(lora.alpha / lora.rank);
      model.weights[name]!.assign(model.weights[name]!.add(delta));
    });
  }
}

function fineTuneMeta(base: SandboxModel, options: FineTuneOptions, done: { epochs: number; batchSize: number; learningRate: number; examples: number; steps: number; finalLoss: number; seconds: number }): Record<string, unknown> {
  return { ...base.meta, kind: 'fine-tuned', fineTune: { mode: options.mode, seed: options.seed, ...done } };
}

/** Lets timers and sockets run between steps, so a server that trains stays responsive. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Fine-tunes a copy of `base` on chat examples; the base is left untouched. */
export async function fineTune(base: SandboxModel, examples: readonly ChatExample[], options: FineTuneOptions): Promise<FineTuneResult> {
  await ensureBackend();
  const started = performance.now();
  const vocab = new Vocab();
  const epochs = options.epochs ?? 3;
  const batchSize = options.batchSize ?? 8;
  const learningRate = options.learningRate ?? MODE_DEFAULTS[options.mode].learningRate;
  const model = cloneModel(base);
  const lora = options.mode === 'lora' ? createLora(model, options.loraRank ?? 4, options.loraAlpha ?? 8, options.seed) : undefined;
  const sequences = examples.map((ex) => trainingSequence(ex, vocab));
  const validation = options.validation?.map((ex) => trainingSequence(ex, vocab));
  const rng = createRng(`finetune/${String(options.seed)}`);
  const stepsPerEpoch = Math.ceil(sequences.length / batchSize);
  const steps = epochs * stepsPerEpoch;
  const validateAt = validationSchedule(validation?.length ?? 0, steps);
  let step = 0;
  let epochLoss = 0;
  let positions = 0;
  try {
    const optimizer = new VariableOptimizer(trainableParams(model, options, vocab, lora), { weightDecay: 0 });
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = rng.shuffle(sequences);
      epochLoss = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        await yieldToEventLoop();
        options.signal?.throwIfAborted();
        const batch = makeBatch(order.slice(start, start + batchSize), vocab.pad, model.config.context);
        const { loss, accuracy } = trainStepWithAccuracy(model, batch, optimizer, learningRate, lora);
        positions += batch.batch * batch.length;
        epochLoss += loss / stepsPerEpoch;
        step += 1;
        if (options.onStep) {
          const report: StepReport = { step, steps, trainLoss: loss, trainAccuracy: accuracy };
          if (validation && validateAt(step)) {
            const scored = scoreSequences(model, validation, vocab.pad, lora);
            Object.assign(report, { validLoss: scored.loss, validAccuracy: scored.tokenAccuracy });
          }
          options.onStep(step, steps, loss, report);
        }
      }
      if (options.onEpoch) {
        const snapshot = lora ? cloneModel(model) : model;
        const savedMeta = snapshot.meta;
        try {
          if (lora) mergeLora(snapshot, lora);
          const seconds = (performance.now() - started) / 1000;
          snapshot.meta = fineTuneMeta(base, options, { epochs: epoch + 1, batchSize, learningRate, examples: examples.length, steps: step, finalLoss: epochLoss, seconds });
          await options.onEpoch({ epoch: epoch + 1, epochs, step, steps, trainLoss: epochLoss, model: snapshot });
        } finally {
          if (lora) disposeModel(snapshot);
          else snapshot.meta = savedMeta;
        }
      }
    }
    if (lora) mergeLora(model, lora);
  } catch (e) {
    disposeModel(model);
    throw e;
  } finally {
    if (lora) tf.dispose(Object.values(lora.weights));
  }
  const seconds = (performance.now() - started) / 1000;
  model.meta = fineTuneMeta(base, options, { epochs, batchSize, learningRate, examples: examples.length, steps, finalLoss: epochLoss, seconds });
  return { model, steps, finalLoss: epochLoss, seconds, positions };
}
