// Runs fine-tuning jobs in the background: validating_files -> queued -> running -> succeeded,
// failed or cancelled. Training takes turns; jobs waiting together on the same base with the same
// mode (row, embed or lora) and hyperparameters, such as a variant's seeds, train in one turn as
// one stack. The server answers requests between steps.
import { setTimeout as delay } from 'node:timers/promises';
import { HttpError } from '../errors.js';
import { BackgroundTasks, CANCELLED } from '../service/background-tasks.js';
import type { FileStore } from '../files/store.js';
import { unixSeconds } from '../state/ids.js';
import { JobFailure } from './failure.js';
import { resolveHyperparameters, resolveTraining, trainingFields, type ResolvedTraining } from './hyperparameters.js';
import type { JobRecord } from './job-record.js';
import type { JobStore } from './job-store.js';
import { fineTunedModelName } from './names.js';
import type { FileRole, TrainingData } from './training-data.js';
import { TrainingDataReader } from './training-data-thread.js';
import { StackLane } from './stack-lane.js';
import { stepMetricsCsv, trainJobs, type TrainingResult } from './trainer.js';
import type { ResolvedHyperparameters } from './hyperparameters.js';

/** The sandbox modes whose jobs alike train as one stack. */
const STACKED_MODES: ReadonlySet<string> = new Set(['row', 'embed', 'lora']);

export interface JobRunnerOptions {
  workspace: string;
  modelsDir: string;
  files: FileStore;
  jobs: JobStore;
  /** Extra time a job sits in `queued`, and again in `running`, so clients can be stopped while they poll. */
  delayMs: number;
  log: (line: string) => void;
}

export class JobRunner {
  private readonly tasks: BackgroundTasks;
  /** Validation and tokenization of training files run off the event loop. */
  private readonly reader = new TrainingDataReader();
  private readonly lane = new StackLane<Training>((items) => this.trainStack(items));

  constructor(private readonly o: JobRunnerOptions) {
    this.tasks = new BackgroundTasks(o.log);
  }

  start(record: JobRecord): void {
    this.tasks.start(record.id, (signal) => this.run(record, signal));
  }

  /** Cancels a job that has not finished; 400 for one that has. */
  async cancel(record: JobRecord): Promise<void> {
    const from = record.job.status;
    if (!this.o.jobs.advance(record, 'cancelled')) {
      throw new HttpError(400, `Job ${record.id} has already ${from === 'cancelled' ? 'been cancelled' : from}; only jobs that are validating_files, queued or running can be cancelled.`, 'invalid_request_error', 'invalid_job_status');
    }
    this.o.jobs.event(record, 'Fine-tuning job cancelled');
    this.tasks.abort(record.id, CANCELLED);
    await this.o.jobs.save(record);
  }

  /** Stops every job where it is; their records keep their status so the next start runs them again. */
  async close(): Promise<void> {
    await this.tasks.stopAll();
    await this.reader.close();
    await this.o.jobs.flush();
  }

  private async run(record: JobRecord, signal: AbortSignal): Promise<void> {
    const { jobs } = this.o;
    // A job that may stack is expected by the lane from its start, so that jobs launched together
    // (a variant's seeds) meet there although their files are read one after another.
    const arrived = STACKED_MODES.has(record.mode) ? this.lane.expect() : () => {};
    try {
      const training = await this.read(record, 'training', signal);
      const validation = record.job.validation_file ? await this.read(record, 'validation', signal) : undefined;
      signal.throwIfAborted();
      if (jobs.advance(record, 'queued')) jobs.event(record, 'Files validated, moving job to queued state');
      await jobs.save(record);
      await delay(this.o.delayMs, undefined, { signal });
      const hyperparameters = resolveHyperparameters(record.asked, training.examples.length);
      const settled = resolveTraining(record.mode, record.training ?? {}, hyperparameters);
      // Modes that train few parameters share most of the network across a stack; in full and top
      // mode each model's matrices are its own and a stack saves nothing, so each job trains alone.
      // A stack shares its learning rate and adapters' shape, so they are part of the key.
      const key = STACKED_MODES.has(record.mode) ? JSON.stringify([record.job.model, record.mode, hyperparameters, settled]) : record.id;
      const submitted = this.lane.submit(key, { record, training, ...(validation ? { validation } : {}), hyperparameters, settled, signal }, signal);
      arrived();
      await submitted;
    } catch (e) {
      arrived();
      if (signal.aborted) return;
      const failure = e instanceof JobFailure ? e : new JobFailure('internal_error', `The server had an error while fine-tuning: ${e instanceof Error ? e.message : String(e)}`);
      if (!(e instanceof JobFailure)) this.o.log(`${record.id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      record.job.error = failure.toJobError();
      record.job.finished_at = unixSeconds();
      jobs.advance(record, 'failed');
      jobs.event(record, `Fine-tuning job failed: ${failure.message}`, { level: 'error' });
      await jobs.save(record).catch((err: unknown) => this.o.log(`${record.id}: ${String(err)}`));
    }
  }

  private async read(record: JobRecord, role: FileRole, signal: AbortSignal): Promise<TrainingData> {
    const id = role === 'training' ? record.job.training_file : record.job.validation_file!;
    const file = this.o.files.get(id);
    if (!file) throw new JobFailure(`invalid_${role}_file`, `The ${role} file ${id} no longer exists.`, `${role}_file`);
    const content = await this.o.files.content(id);
    // From this event until the job is queued (or fails), the file is in the reader's worker.
    this.o.jobs.event(record, `Validating ${role} file: ${id} (${file.filename})`);
    const data = await this.reader.read(content, file.filename, role, signal);
    for (const warning of data.warnings) this.o.jobs.event(record, warning, { level: 'warn' });
    return data;
  }

  /** Starts a stack: each job is marked running, then all that still run train together, then each is finished as its training ends. */
  private trainStack(items: readonly Training[]): Promise<void>[] {
    const begun = items.map((t) => this.begin(t));
    const trainings = Promise.allSettled(begun).then((states) => {
      const ready = items.filter((_, k) => states[k]!.status === 'fulfilled');
      if (ready.length > 1) for (const t of ready) this.o.jobs.event(t.record, `Training as one stack with ${ready.length - 1} other job${ready.length > 2 ? 's' : ''} of the same base, mode and hyperparameters; each model learns from its own data and seed alone`);
      const results = ready.length > 0 ? trainJobs({ workspace: this.o.workspace, modelsDir: this.o.modelsDir, jobs: this.o.jobs }, ready.map((t) => ({ record: t.record, examples: t.training.examples, lengths: t.training.lengths, ...(t.validation ? { validation: t.validation.examples } : {}), hyperparameters: t.hyperparameters, settled: t.settled, signal: t.signal }))) : [];
      return new Map(ready.map((t, k) => [t, results[k]!]));
    });
    return items.map(async (t, k) => {
      await begun[k];
      const result = await (await trainings).get(t)!;
      await this.finish(t, result);
    });
  }

  private async begin(t: Training): Promise<void> {
    const { jobs } = this.o;
    const { record, hyperparameters: hp, settled, signal } = t;
    signal.throwIfAborted();
    // As trained, in the open-model services' names too where the job asked in them or trains adapters.
    const extra = record.mode === 'lora' || Object.keys(record.training ?? {}).length > 0 ? trainingFields(record.mode, settled) : {};
    record.job.hyperparameters = { ...hp, ...extra };
    record.job.method = { type: 'supervised', supervised: { hyperparameters: { ...hp, ...extra } } };
    jobs.advance(record, 'running');
    const rate = settled.learningRate;
    const adapters = settled.lora ? `, LoRA rank ${settled.lora.rank}, alpha ${settled.lora.alpha}` : '';
    jobs.event(record, 'Fine-tuning job started', { data: { ...hp, sandbox_mode: record.mode, learning_rate: rate, ...(settled.lora ? { lora_r: settled.lora.rank, lora_alpha: settled.lora.alpha } : {}) } });
    jobs.event(record, `Hyperparameters: n_epochs=${hp.n_epochs}, batch_size=${hp.batch_size}, learning_rate_multiplier=${hp.learning_rate_multiplier} (sandbox mode ${record.mode}: learning rate ${rate}${adapters})`);
    await jobs.save(record);
    await delay(this.o.delayMs, undefined, { signal });
  }

  private async finish(t: Training, result: TrainingResult): Promise<void> {
    const { jobs } = this.o;
    const { record, training, hyperparameters: hp, signal } = t;
    const results = await this.o.files.create('step_metrics.csv', 'fine-tune-results', Buffer.from(stepMetricsCsv(result.metrics)));
    signal.throwIfAborted();
    const name = fineTunedModelName(record.job.model, record.job.user_provided_suffix, record.id);
    record.weights[name] = result.file;
    Object.assign(record.job, { fine_tuned_model: name, trained_tokens: training.tokens * hp.n_epochs, finished_at: unixSeconds(), result_files: [results.id] });
    jobs.event(record, `New fine-tuned model created: ${name}`);
    jobs.advance(record, 'succeeded');
    jobs.event(record, 'The job has successfully completed');
    await jobs.save(record);
  }
}

/** A job whose files are read, waiting for its turn to train. */
interface Training {
  record: JobRecord;
  training: TrainingData;
  validation?: TrainingData;
  hyperparameters: ResolvedHyperparameters;
  settled: ResolvedTraining;
  signal: AbortSignal;
}
