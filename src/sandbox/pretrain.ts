// Pretraining a base model from scratch on the world's document stream.
import { createRng, type Rng } from '../util/random.js';
import { ensureBackend } from './model/backend.js';
import { availableParallelism } from 'node:os';
import type { TrainingSequence } from './model/batch.js';
import { LocalTrainer, ParallelTrainer, type Trainer } from './parallel/trainers.js';
import { DEFAULT_ARCHITECTURE, type ModelConfig } from './model/config.js';
import { createModel, initWeights, type SandboxModel } from './model/weights.js';
import { sampleDocument } from './world/corpus.js';
import { Vocab } from './world/vocab.js';
import { createWorld } from './world/world.js';

export interface PretrainOptions {
  worldSeed: number;
  /** Seed of the initialisation and of the document stream. */
  seed: number;
  steps: number;
  batchSize?: number;
  learningRate?: number;
  warmupSteps?: number;
  architecture?: Omit<ModelConfig, 'vocabSize'>;
  /** Threads computing gradients on shards of each batch (default: up to 2 cores); the result does not depend on it beyond rounding. */
  workers?: number;
  onProgress?: (progress: PretrainProgress) => void;
}

export interface PretrainProgress {
  step: number;
  steps: number;
  loss: number;
  /** Tokens that counted in the loss so far, and per second of wall time. */
  tokens: number;
  tokensPerSecond: number;
  /** Token positions computed so far, padding included. */
  positions: number;
  elapsedMs: number;
}

/** Pretraining defaults: 2,500 steps, batches of 32, a peak learning rate of 3e-3 after 100 warmup steps (fewer for short runs). */
export const PRETRAIN_DEFAULTS = { steps: 2500, batchSize: 32, learningRate: 3e-3, warmupSteps: 100 } as const;

/** Linear warmup, then cosine decay to a tenth of the peak. */
export function learningRateAt(step: number, steps: number, peak: number, warmup: number): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const progress = (step - warmup) / Math.max(1, steps - warmup);
  return peak * (0.1 + 0.45 * (1 + Math.cos(Math.PI * progress)));
}

/**
 * Draws BUCKETS batches' worth of documents and groups them by length, so that a batch pads to
 * little more than its own documents (about a third fewer positions than random batches).
 */
const BUCKETS = 4;
function lengthBuckets(rng: Rng, draw: () => TrainingSequence, batchSize: number): TrainingSequence[][] {
  const sorted = Array.from({ length: batchSize * BUCKETS }, draw).sort((a, b) => a.tokens.length - b.tokens.length);
  return rng.shuffle(Array.from({ length: BUCKETS }, (_, i) => sorted.slice(i * batchSize, (i + 1) * batchSize)));
}

/**
 * Pretrains a base model from scratch on the document stream of world `worldSeed`, with the
 * defaults of `PRETRAIN_DEFAULTS`; `onProgress` is called after every step.
 *
 * @example
 * const model = await pretrain({ worldSeed: 1, seed: 0, steps: PRETRAIN_DEFAULTS.steps, onProgress: (p) => console.log(p.step, p.loss) });
 */
export async function pretrain(options: PretrainOptions): Promise<SandboxModel> {
  await ensureBackend();
  const vocab = new Vocab();
  const world = createWorld(options.worldSeed);
  const architecture = options.architecture ?? DEFAULT_ARCHITECTURE;
  const config: ModelConfig = { ...architecture, vocabSize: vocab.size };
  const batchSize = options.batchSize ?? PRETRAIN_DEFAULTS.batchSize;
  const peak = options.learningRate ?? PRETRAIN_DEFAULTS.learningRate;
  const warmup = options.warmupSteps ?? Math.min(PRETRAIN_DEFAULTS.warmupSteps, Math.ceil(options.steps / 10));
  const model = createModel(config, options.worldSeed, initWeights(config, options.seed), {});
  const workers = options.workers ?? Math.min(2, availableParallelism());
  const trainer: Trainer = workers > 1 ? new ParallelTrainer(model, workers, { weightDecay: 0.01 }) : new LocalTrainer(model, { weightDecay: 0.01 });
  const docs = createRng(`corpus/${options.worldSeed}/${options.seed}`);
  const started = performance.now();
  let tokens = 0;
  let positions = 0;
  let recent = 0;
  // finalLoss: the mean over the last tenth of the run (at most 100 steps).
  const window = Math.max(1, Math.min(100, Math.floor(options.steps / 10)));
  let windowSum = 0;
  let queue: TrainingSequence[][] = [];
  try {
    for (let step = 0; step < options.steps; step++) {
      if (queue.length === 0) queue = lengthBuckets(docs, () => ({ tokens: sampleDocument(docs, world, config.context + 1).map((t) => vocab.id(t)) }), batchSize);
      const result = await trainer.step(queue.pop()!, vocab.pad, learningRateAt(step, options.steps, peak, warmup));
      const loss = result.loss;
      tokens += result.counted;
      positions += result.positions;
      recent = step === 0 ? loss : 0.98 * recent + 0.02 * loss;
      if (step >= options.steps - window) windowSum += loss;
      const elapsedMs = performance.now() - started;
      options.onProgress?.({ step: step + 1, steps: options.steps, loss: recent, tokens, tokensPerSecond: tokens / (elapsedMs / 1000), positions, elapsedMs });
    }
  } finally {
    await trainer.finish();
  }
  model.meta = {
    kind: 'base',
    pretrain: { steps: options.steps, seed: options.seed, batchSize, learningRate: peak, warmupSteps: warmup, workers, finalLoss: windowSum / window, seconds: (performance.now() - started) / 1000, tokens },
  };
  return model;
}
