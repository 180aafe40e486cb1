// Pretraining steps on one thread or on several: same batches, same update, so the same model up
// to rounding. With several workers each takes a shard of the batch; the shards' gradients are
// averaged by the positions each counted, which is the whole batch's gradient.
import { Worker } from 'node:worker_threads';
import { tf } from '../model/backend.js';
import { AdamW, type AdamWOptions } from '../model/adamw.js';
import { makeBatch, type TrainingSequence } from '../model/batch.js';
import { batchGradients } from '../model/gradients.js';
import { VariableOptimizer } from '../model/train-step.js';
import type { SandboxModel } from '../model/weights.js';
import { flatLayout, type TensorSlot } from './layout.js';
import type { WorkerReply, WorkerSetup } from './gradient-worker.js';

export interface StepResult {
  loss: number;
  counted: number;
  /** Token positions computed, padding included. */
  positions: number;
}

export interface Trainer {
  step(sequences: readonly TrainingSequence[], pad: number, learningRate: number): Promise<StepResult>;
  /** Leaves the trained weights in the model's variables and releases threads. */
  finish(): Promise<void>;
}

export class LocalTrainer implements Trainer {
  private readonly optimizer: VariableOptimizer;

  constructor(
    private readonly model: SandboxModel,
    options: AdamWOptions,
  ) {
    this.optimizer = new VariableOptimizer(
      Object.entries(model.weights).map(([name, variable]) => ({ name, variable })),
      options,
    );
  }

  async step(sequences: readonly TrainingSequence[], pad: number, learningRate: number): Promise<StepResult> {
    const batch = makeBatch(sequences, pad, this.model.config.context);
    const { loss, grads } = batchGradients(this.model, batch, this.optimizer.trainable);
    this.optimizer.step(grads, learningRate);
    tf.dispose(Object.values(grads));
    return { loss, counted: batch.counted, positions: batch.batch * batch.length };
  }

  async finish(): Promise<void> {}
}

/** The worker from dist, or (when running from source, as in tests) the .ts file through tsx's loader. */
function workerEntry(): URL {
  if (!import.meta.url.endsWith('.ts')) return new URL('./gradient-worker.js', import.meta.url);
  const source = new URL('./gradient-worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(source)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

function nextReply(worker: Worker): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    const onMessage = (m: WorkerReply) => {
      cleanup();
      if (m.type === 'error') reject(new Error(`gradient worker: ${m.message}`));
      else resolve(m);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
  });
}

export class ParallelTrainer implements Trainer {
  private readonly slots: TensorSlot[];
  /** The parameters, shared with the workers and updated in place by AdamW. */
  private readonly params: Float32Array;
  private readonly workerGrads: Float32Array[] = [];
  private readonly sum: Float32Array;
  private readonly averaged: Record<string, Float32Array>;
  private readonly adam: AdamW;
  private readonly workers: Worker[];
  private readonly ready: Promise<unknown>;

  constructor(
    private readonly model: SandboxModel,
    size: number,
    options: AdamWOptions,
  ) {
    const layout = flatLayout(model.config);
    this.slots = layout.slots;
    const shared = new SharedArrayBuffer(layout.total * 4);
    this.params = new Float32Array(shared);
    for (const s of this.slots) this.params.set(model.weights[s.name]!.dataSync() as Float32Array, s.offset);
    this.sum = new Float32Array(layout.total);
    this.averaged = Object.fromEntries(this.slots.map((s) => [s.name, this.sum.subarray(s.offset, s.offset + s.size)]));
    this.adam = new AdamW(
      this.slots.map((s) => ({ name: s.name, values: this.params.subarray(s.offset, s.offset + s.size), rowLength: s.shape.at(-1) ?? 1, decay: s.shape.length >= 2 })),
      options,
    );
    const entry = workerEntry();
    this.workers = Array.from({ length: size }, () => {
      const grads = new SharedArrayBuffer(layout.total * 4);
      this.workerGrads.push(new Float32Array(grads));
      const setup: WorkerSetup = { config: model.config, slots: this.slots, params: shared, grads };
      return new Worker(entry, { workerData: setup });
    });
    this.ready = Promise.all(this.workers.map(nextReply));
  }

  async step(sequences: readonly TrainingSequence[], pad: number, learningRate: number): Promise<StepResult> {
    await this.ready;
    const shardSize = Math.ceil(sequences.length / this.workers.length);
    const shards = this.workers.map((_, i) => sequences.slice(i * shardSize, (i + 1) * shardSize)).filter((s) => s.length > 0);
    const batches = shards.map((shard) => makeBatch(shard, pad, this.model.config.context));
    const replies = await Promise.all(
      batches.map((batch, i) => {
        const reply = nextReply(this.workers[i]!);
        this.workers[i]!.postMessage(batch);
        return reply;
      }),
    );
    const done = replies.map((r) => (r.type === 'done' ? r : { loss: 0, counted: 0 }));
    const counted = done.reduce((n, r) => n + r.counted, 0);
    const sum = this.sum.fill(0);
    done.forEach((r, i) => {
      const w = r.counted / counted;
      const g = this.workerGrads[i]!;
      for (let k = 0; k < sum.length; k++) sum[k]! += w * g[k]!;
    });
    this.adam.step(this.averaged, learningRate);
    return { loss: done.reduce((acc, r) => acc + r.loss * (r.counted / counted), 0), counted, positions: batches.reduce((n, b) => n + b.batch * b.length, 0) };
  }

  async finish(): Promise<void> {
    for (const s of this.slots) tf.tidy(() => this.model.weights[s.name]!.assign(tf.tensor(this.params.subarray(s.offset, s.offset + s.size), s.shape)));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
