// Trains jobs' sandbox models: fine-tunes the base (several jobs alike as one stack), reports each
// job's steps, and saves a servable checkpoint of each after every epoch (the last one is the
// fine-tuned model).
import { join } from 'node:path';
import type { ChatExample } from '../../data/index.js';
import { trainingSequence, fineTuneStack, type EpochReport, type FineTuneOptions, type StackRequest, type StepReport, saveCheckpoint, scoreSequences, disposeModel, loadSandboxModel, Vocab, type SandboxModel } from '../../sandbox/index.js';
import { newId, unixSeconds } from '../state/ids.js';
import type { ResolvedHyperparameters, ResolvedTraining } from './hyperparameters.js';
import type { JobRecord } from './job-record.js';
import type { JobStore } from './job-store.js';
import { checkpointModelName, fineTunedModelName } from './names.js';

/** One row of the result file, in OpenAI's column names. */
export interface StepMetrics {
  step: number;
  train_loss: number;
  /** Token accuracy of the step's batch (its counted assistant tokens), before the update. */
  train_accuracy: number;
  /** The validation file after the step, when it was scored then. */
  valid_loss?: number;
  valid_mean_token_accuracy?: number;
}

export interface TrainingInput {
  record: JobRecord;
  examples: readonly ChatExample[];
  /** Sandbox tokens of each example, as the training-data reader counted them. */
  lengths: readonly number[];
  validation?: readonly ChatExample[];
  hyperparameters: ResolvedHyperparameters;
  /** The learning rate, and the adapters in lora mode. */
  settled: ResolvedTraining;
  signal: AbortSignal;
}

export interface TrainerContext {
  workspace: string;
  modelsDir: string;
  jobs: JobStore;
}

/** About 100 metrics events per job, whatever its length. */
const METRIC_EVENTS = 100;

function stepMetrics(r: StepReport): StepMetrics {
  return {
    step: r.step,
    train_loss: r.trainLoss,
    train_accuracy: r.trainAccuracy,
    ...(r.validLoss !== undefined ? { valid_loss: r.validLoss } : {}),
    ...(r.validAccuracy !== undefined ? { valid_mean_token_accuracy: r.validAccuracy } : {}),
  };
}

/** A metrics event's data, in the names OpenAI's events use. */
function eventData(m: StepMetrics, steps: number): Record<string, number> {
  return {
    step: m.step,
    train_loss: m.train_loss,
    train_mean_token_accuracy: m.train_accuracy,
    ...(m.valid_loss !== undefined ? { valid_loss: m.valid_loss } : {}),
    ...(m.valid_mean_token_accuracy !== undefined ? { valid_mean_token_accuracy: m.valid_mean_token_accuracy } : {}),
    total_steps: steps,
  };
}

export interface TrainingResult {
  metrics: StepMetrics[];
  /** The fine-tuned model's checkpoint file (the last epoch's), relative to the models folder. */
  file: string;
}

/** One job of a stack: its fine-tune request, and the result it makes of the fine-tuned model. */
interface JobTraining {
  request: StackRequest;
  finish(steps: number): TrainingResult;
}

/** A job's request for the stack: its seed, data, validation, signal, and the callbacks that record its steps and save each epoch's checkpoint. */
function jobTraining(ctx: TrainerContext, input: TrainingInput, base: SandboxModel): JobTraining {
  const { record, hyperparameters: hp, signal } = input;
  const { jobs } = ctx;
  const vocab = new Vocab();
  const validation = input.validation?.map((ex) => trainingSequence(ex, vocab));
  const modelName = fineTunedModelName(record.job.model, record.job.user_provided_suffix, record.id);
  const metrics: StepMetrics[] = [];
  const tooLong = input.lengths.filter((length) => length - 1 > base.config.context).length;
  if (tooLong > 0) jobs.event(record, `${tooLong} examples are longer than the sandbox model's context (${base.config.context} tokens); training sees their first ${base.config.context} tokens.`, { level: 'warn' });
  const onEpoch = async ({ step, epoch, trainLoss, model }: EpochReport): Promise<void> => {
    signal.throwIfAborted();
    const file = join(record.id, `step-${step}.wgsb`);
    await saveCheckpoint(model, join(ctx.modelsDir, file));
    const full = validation ? scoreSequences(model, validation, vocab.pad) : undefined;
    const last = metrics.at(-1)!;
    // A large validation set not scored at this step gets its epoch-end score in the result file.
    if (full && last.valid_loss === undefined) Object.assign(last, { valid_loss: full.loss, valid_mean_token_accuracy: full.tokenAccuracy });
    const validMetrics = full ? { valid_loss: last.valid_loss!, valid_mean_token_accuracy: last.valid_mean_token_accuracy!, full_valid_loss: full.loss, full_valid_mean_token_accuracy: full.tokenAccuracy } : {};
    const name = checkpointModelName(modelName, step);
    const checkpoint = {
      object: 'fine_tuning.job.checkpoint' as const,
      id: record.checkpoints.find((c) => c.step_number === step)?.id ?? newId.checkpoint(),
      created_at: unixSeconds(),
      fine_tuned_model_checkpoint: name,
      fine_tuning_job_id: record.id,
      metrics: { step, train_loss: trainLoss, train_mean_token_accuracy: last.train_accuracy, ...validMetrics },
      step_number: step,
    };
    // A job run again after a restart replaces its checkpoints step by step.
    record.checkpoints = [...record.checkpoints.filter((c) => c.step_number !== step), checkpoint].sort((a, b) => a.step_number - b.step_number);
    record.weights[name] = file;
    jobs.event(record, `Checkpoint created at step ${step} (epoch ${epoch}) with Snapshot ID: ${name}`, { data: { step, epoch, train_loss: trainLoss } });
    await jobs.save(record);
  };
  const options: FineTuneOptions = {
    mode: record.mode,
    seed: record.job.seed,
    epochs: hp.n_epochs,
    batchSize: hp.batch_size,
    learningRate: input.settled.learningRate,
    ...(input.settled.lora ? { loraRank: input.settled.lora.rank, loraAlpha: input.settled.lora.alpha } : {}),
    signal,
    ...(input.validation ? { validation: input.validation } : {}),
    onStep: (step, steps, loss, report) => {
      const m = stepMetrics(report);
      metrics.push(m);
      if (step % Math.max(1, Math.ceil(steps / METRIC_EVENTS)) === 0 || step === steps) {
        const valid = m.valid_loss !== undefined ? `, validation loss=${m.valid_loss.toFixed(4)}, validation token accuracy=${m.valid_mean_token_accuracy!.toFixed(3)}` : '';
        jobs.event(record, `Step ${step}/${steps}: training loss=${loss.toFixed(4)}, token accuracy=${m.train_accuracy.toFixed(3)}${valid}`, { type: 'metrics', data: eventData(m, steps) });
      }
    },
    onEpoch,
  };
  // The last epoch's checkpoint holds the fine-tuned model's weights.
  return { request: { examples: input.examples, options }, finish: (steps) => ({ metrics, file: record.weights[checkpointModelName(modelName, steps)]! }) };
}

/**
 * Trains jobs of one base model alike in mode and hyperparameters as one stack (fineTuneStack),
 * recording each epoch's checkpoint on its record as it is saved. Each promise settles when its
 * own job's training ends.
 */
export function trainJobs(ctx: TrainerContext, inputs: readonly TrainingInput[]): Promise<TrainingResult>[] {
  const settle: { resolve: (r: TrainingResult) => void; reject: (e: unknown) => void }[] = [];
  const results = inputs.map((): Promise<TrainingResult> => new Promise((resolve, reject) => settle.push({ resolve, reject })));
  (async () => {
    const { model: base } = await loadSandboxModel(inputs[0]!.record.job.model, ctx.workspace);
    try {
      const trainings = inputs.map((input) => jobTraining(ctx, input, base));
      const tuned = fineTuneStack(base, trainings.map((t) => t.request));
      await Promise.all(
        tuned.map((done, k) =>
          done.then(
            (result) => {
              disposeModel(result.model);
              settle[k]!.resolve(trainings[k]!.finish(result.steps));
            },
            (e: unknown) => settle[k]!.reject(e),
          ),
        ),
      );
    } finally {
      disposeModel(base);
    }
  })().catch((e: unknown) => settle.forEach((s) => s.reject(e)));
  return results;
}

/** OpenAI's result file: one row per step; a cell is empty where the step has no such value. */
export function stepMetricsCsv(metrics: readonly StepMetrics[]): string {
  const cell = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '' : String(x));
  const rows = metrics.map((m) => [m.step, cell(m.train_loss), cell(m.train_accuracy), cell(m.valid_loss), cell(m.valid_mean_token_accuracy)].join(','));
  return ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy', ...rows].join('\n') + '\n';
}
