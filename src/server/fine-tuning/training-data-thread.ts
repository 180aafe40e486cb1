// Reads training files in a worker thread, so that validating and tokenizing a large file never
// holds up the server's answers (a 10 MB file takes seconds).
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../util/worker-entry.js';
import { JobFailure } from './failure.js';
import type { ChatExample } from '../../data/index.js';
import type { FileRole, TrainingData } from './training-data.js';

export interface TrainingDataRequest {
  id: number;
  content: Uint8Array;
  filename: string;
  role: FileRole;
}

/**
 * The examples travel as one JSON string: a string crosses threads in a few milliseconds, while a
 * structured clone of a 10 MB graph of objects holds the receiving loop for over 100 ms.
 */
export type TrainingDataReply =
  | { id: number; ok: true; summary: Omit<TrainingData, 'examples'>; examplesJson: string }
  | { id: number; ok: false; failure: { code: string; message: string; param: string | null } }
  | { id: number; ok: false; error: string };

interface Pending {
  resolve(data: TrainingData): void;
  reject(error: Error): void;
}

/** The data, its examples parsed when first read (when training starts, not while the file is validated). */
function withLazyExamples(summary: Omit<TrainingData, 'examples'>, json: string): TrainingData {
  let examples: ChatExample[] | undefined;
  return {
    ...summary,
    get examples(): ChatExample[] {
      examples ??= JSON.parse(json) as ChatExample[];
      return examples;
    },
  };
}

/**
 * One worker, started on first use and kept (its tokenizer tables stay built); it does not keep
 * the process alive. A crashed worker fails what it had and the next read starts a new one.
 */
export class TrainingDataReader {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /**
   * readTrainingData(content, filename, role), run in the worker: the same data, or the same
   * JobFailure. An abort rejects at once (the worker's answer is then dropped).
   */
  read(content: Uint8Array, filename: string, role: FileRole, signal?: AbortSignal): Promise<TrainingData> {
    signal?.throwIfAborted();
    const id = this.nextId++;
    const request: TrainingDataRequest = { id, content, filename, role };
    return new Promise<TrainingData>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(id);
        reject(signal!.reason instanceof Error ? signal!.reason : new Error(String(signal!.reason)));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (data) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(data);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      this.start().postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.fail(new Error('the training-data reader was closed'));
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry(import.meta.url, 'training-data-worker'));
    worker.unref();
    worker.on('message', (reply: TrainingDataReply) => this.settle(reply));
    worker.on('error', (e) => this.crashed(worker, e));
    worker.on('exit', (code) => this.crashed(worker, new Error(`the training-data worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: TrainingDataReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.ok) pending.resolve(withLazyExamples(reply.summary, reply.examplesJson));
    else if ('failure' in reply) pending.reject(new JobFailure(reply.failure.code, reply.failure.message, reply.failure.param));
    else pending.reject(new Error(`reading the training data failed: ${reply.error}`));
  }

  private crashed(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.fail(error);
  }

  private fail(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
