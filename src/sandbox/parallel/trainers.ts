// Pretraining steps on one thread or on several: same batches, same update, so the same model up
// to rounding. With several workers each takes a shard of the batch; the shards' gradients are
// averaged by the positions each counted, which is the whole batch's gradient.
import { Worker } from 'node:worker_threads';
import { tf } from '../model/backend.js';
import { AdamW, type AdamWOptions } from '../model/adamw.js';
import { makeBatch, type TrainingSequence } from '../model/batch.js';
import { trainStep, VariableOptimizer } from '../model/train-step.js';
import type { SandboxModel } from '../model/weights.js';
import { flatLayout, type TensorSlot } from './layout.js';
import type { WorkerReply, WorkerSetup } from './gradient-worker.js';
import { workerEntry } from '../../util/worker-entry.js';

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
    const loss = trainStep(this.model, batch, this.optimizer, learningRate);
    return { loss, counted: batch.counted, positions: batch.batch * batch.length };
  }

  async finish(): Promise<void> {}
}

/** One worker's replies, one at a time; a crash, an error or an exit fails the pending step. */
class WorkerChannel {
  private waiting: { resolve: (m: WorkerReply) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(readonly worker: Worker) {
    worker.on('message', (m: WorkerReply) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (!waiting) this.fail(new Error(`gradient worker: unexpected ${m.type} message`));
      else if (m.type === 'error') waiting.reject(new Error(`gradient worker: ${m.message}`));
      else waiting.resolve(m);
    });
    worker.on('error', (e: Error) => this.fail(e));
    worker.on('exit', (code: number) => this.fail(new Error(`gradient worker exited (code ${code})`)));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.waiting?.reject(e);
    this.waiting = undefined;
  }

  next(): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}

export class ParallelTrainer implements Trainer {
  private readonly slots: TensorSlot[];
  /** The parameters, shared with the workers and updated in place by AdamW. */
  private readonly params: Float32Array;
  private readonly workerGrads: Float32Array[] = [];
  private readonly sum: Float32Array;
  private readonly averaged: Record<string, Float32Array>;
  private readonly adam: AdamW;
  private readonly channels: WorkerChannel[];
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
    const entry = workerEntry(import.meta.url, 'gradient-worker');
    this.channels = Array.from({ length: size }, () => {
      const grads = new SharedArrayBuffer(layout.total * 4);
      this.workerGrads.push(new Float32Array(grads));
      const setup: WorkerSetup = { config: model.config, slots: this.slots, params: shared, grads };
      return new WorkerChannel(new Worker(entry, { workerData: setup }));
    });
    this.ready = Promise.all(this.channels.map((c) => c.next()));
  }

  async step(sequences: readonly TrainingSequence[], pad: number, learningRate: number): Promise<StepResult> {
    await this.ready;
    const shardSize = Math.ceil(sequences.length / this.channels.length);
    const shards = this.channels.map((_, i) => sequences.slice(i * shardSize, (i + 1) * shardSize)).filter((s) => s.length > 0);
    const batches = shards.map((shard) => makeBatch(shard, pad, this.model.config.context));
    const replies = await Promise.all(
      batches.map((batch, i) => {
        const reply = this.channels[i]!.next();
        this.channels[i]!.worker.postMessage(batch);
        return reply;
      }),
    );
    const done = replies.map((r) => {
      if (r.type !== 'done') throw new Error(`gradient worker: expected gradients, got ${r.type}`);
      return r;
    });
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
    await Promise.all(this.channels.map((c) => c.worker.terminate()));
  }
}
