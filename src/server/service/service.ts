// The fine-tuning service of `weirdgen serve`: files, jobs and batches kept under
// `<workspace>/serve/`, their background runners, and the models the jobs make.
import { join, resolve } from 'node:path';
import type { Provider } from '../../providers/index.js';
import { DEFAULT_BASE, listModels, JUDGE_MODEL } from '../../sandbox/index.js';
import { BatchStore } from '../batches/batch-store.js';
import { FINAL_BATCH_STATUSES } from '../batches/batch-record.js';
import { BatchRunner, type BatchChat } from '../batches/runner.js';
import { invalidRequest } from '../errors.js';
import { FileStore } from '../files/store.js';
import { FINAL_JOB_STATUSES } from '../fine-tuning/job-record.js';
import { JobStore } from '../fine-tuning/job-store.js';
import { FineTunedModels } from '../fine-tuning/models.js';
import { JobRunner } from '../fine-tuning/runner.js';
import { ServiceProvider } from './provider.js';

export interface ServiceOptions {
  workspace: string;
  /** Extra time a job sits in queued and in running. */
  jobDelayMs: number;
  /** Extra time a batch sits in validating and in in_progress. */
  batchDelayMs: number;
  batchConcurrency: number;
  log: (line: string) => void;
}

/** Where the service keeps its state inside a workspace. */
export function serviceRoot(workspace: string): string {
  return join(resolve(workspace), 'serve');
}

export class FineTuningService {
  readonly files: FileStore;
  readonly jobs: JobStore;
  readonly batches: BatchStore;
  readonly models: FineTunedModels;
  readonly modelsDir: string;
  private started?: { jobs: JobRunner; batches: BatchRunner };
  private provider?: ServiceProvider;

  private constructor(private readonly o: ServiceOptions) {
    const root = serviceRoot(o.workspace);
    this.modelsDir = join(root, 'models');
    this.files = new FileStore(root, o.log);
    this.jobs = new JobStore(root, o.log);
    this.batches = new BatchStore(root, o.log);
    this.models = new FineTunedModels(this.jobs, this.modelsDir);
  }

  /** Reads the service's state; nothing runs until start(). */
  static async open(options: ServiceOptions): Promise<FineTuningService> {
    const service = new FineTuningService(options);
    await Promise.all([service.files.load(), service.jobs.load(), service.batches.load()]);
    return service;
  }

  /** `upstream` plus the fine-tuned models. */
  wrap(upstream: Provider): Provider {
    this.provider ??= new ServiceProvider(upstream, this.models, this.o.workspace);
    return this.provider;
  }

  /** Starts the runners and resumes, from their start, the jobs and batches a stopped server left unfinished. */
  start(chat: BatchChat): void {
    const jobs = new JobRunner({ workspace: this.o.workspace, modelsDir: this.modelsDir, files: this.files, jobs: this.jobs, delayMs: this.o.jobDelayMs, log: this.o.log });
    const batches = new BatchRunner({ files: this.files, batches: this.batches, chat, delayMs: this.o.batchDelayMs, concurrency: this.o.batchConcurrency, log: this.o.log });
    this.started = { jobs, batches };
    for (const record of this.jobs.all().filter((r) => !FINAL_JOB_STATUSES.has(r.job.status))) {
      this.jobs.event(record, `The server restarted while the job was ${record.job.status}; it runs again from its start.`, { level: 'warn' });
      jobs.start(record);
    }
    for (const record of this.batches.all().filter((r) => !FINAL_BATCH_STATUSES.has(r.batch.status))) batches.start(record);
  }

  /** The background runners; start() must have been called. */
  runners(): { jobs: JobRunner; batches: BatchRunner } {
    if (!this.started) throw new Error('the fine-tuning service has not been started');
    return this.started;
  }

  /** The sandbox model a job fine-tunes (`base` is the default base), or OpenAI's 400 for a model it cannot. */
  async baseModel(name: string): Promise<string> {
    const known = (await listModels(this.o.workspace)).map((m) => m.name).filter((m) => m !== JUDGE_MODEL);
    const resolved = name === 'base' ? DEFAULT_BASE : name;
    if (known.includes(resolved)) return resolved;
    throw invalidRequest(`Model '${name}' is not available for fine-tuning or does not exist; weirdgen serve fine-tunes the sandbox models base, ${known.join(', ')}.`, 'model', 'model_not_available');
  }

  /** Stops the runners where they are (unfinished work resumes on the next start) and writes everything. */
  async close(): Promise<void> {
    await Promise.all([this.started?.jobs.close(), this.started?.batches.close()]);
    await Promise.all([this.files.flush(), this.jobs.flush(), this.batches.flush()]);
    await this.provider?.close();
  }
}
