// Trains one job's sandbox model: fine-tunes the base, reports steps, and saves a servable
// checkpoint after every epoch (the last one is the fine-tuned model).
import { join } from 'node:path';
import type { ChatExample } from '../../data/chat/schema.js';
import { trainingSequence } from '../../sandbox/chat.js';
import { fineTune, MODE_DEFAULTS, type EpochReport } from '../../sandbox/finetune.js';
import { makeBatch, type TrainingSequence } from '../../sandbox/model/batch.js';
import { saveCheckpoint } from '../../sandbox/model/checkpoint.js';
import { evaluateLoss } from '../../sandbox/model/train-step.js';
import { disposeModel, type SandboxModel } from '../../sandbox/model/weights.js';
import { loadSandboxModel } from '../../sandbox/registry.js';
import { Vocab } from '../../sandbox/world/vocab.js';
import { newId, unixSeconds } from '../state/ids.js';
import type { ResolvedHyperparameters } from './hyperparameters.js';
import type { JobRecord } from './job-record.js';
import type { JobStore } from './job-store.js';
import { checkpointModelName, fineTunedModelName } from './names.js';

export interface StepMetrics {
  step: number;
  train_loss: number;
  valid_loss?: number;
}

export interface TrainingInput {
  record: JobRecord;
  examples: readonly ChatExample[];
  validation?: readonly ChatExample[];
  hyperparameters: ResolvedHyperparameters;
  signal: AbortSignal;
}

export interface TrainerContext {
  workspace: string;
  modelsDir: string;
  jobs: JobStore;
}

/** About 100 metrics events per job, whatever its length. */
const METRIC_EVENTS = 100;
const EVAL_BATCH = 32;

function meanLoss(model: SandboxModel, sequences: readonly TrainingSequence[], pad: number): number {
  let total = 0;
  let counted = 0;
  for (let i = 0; i < sequences.length; i += EVAL_BATCH) {
    const batch = makeBatch(sequences.slice(i, i + EVAL_BATCH), pad, model.config.context);
    if (batch.counted === 0) continue;
    total += evaluateLoss(model, batch) * batch.counted;
    counted += batch.counted;
  }
  return counted > 0 ? total / counted : Number.NaN;
}

export interface TrainingResult {
  metrics: StepMetrics[];
  /** The fine-tuned model's checkpoint file (the last epoch's), relative to the models folder. */
  file: string;
}

/** Trains, recording each epoch's checkpoint on the record as it is saved. */
export async function trainJob(ctx: TrainerContext, input: TrainingInput): Promise<TrainingResult> {
  const { record, hyperparameters: hp, signal } = input;
  const { jobs } = ctx;
  const vocab = new Vocab();
  const validation = input.validation?.map((ex) => trainingSequence(ex, vocab));
  const modelName = fineTunedModelName(record.job.model, record.job.user_provided_suffix, record.id);
  const metrics: StepMetrics[] = [];
  const { model: base } = await loadSandboxModel(record.job.model, ctx.workspace);
  try {
    const tooLong = input.examples.filter((ex) => trainingSequence(ex, vocab).tokens.length - 1 > base.config.context).length;
    if (tooLong > 0) jobs.event(record, `${tooLong} examples are longer than the sandbox model's context (${base.config.context} tokens); training sees their first ${base.config.context} tokens.`, { level: 'warn' });
    const onEpoch = async ({ step, epoch, trainLoss, model }: EpochReport): Promise<void> => {
      signal.throwIfAborted();
      const file = join(record.id, `step-${step}.wgsb`);
      await saveCheckpoint(model, join(ctx.modelsDir, file));
      const validLoss = validation ? meanLoss(model, validation, vocab.pad) : undefined;
      if (validLoss !== undefined) metrics.at(-1)!.valid_loss = validLoss;
      const name = checkpointModelName(modelName, step);
      const checkpoint = {
        object: 'fine_tuning.job.checkpoint' as const,
        id: record.checkpoints.find((c) => c.step_number === step)?.id ?? newId.checkpoint(),
        created_at: unixSeconds(),
        fine_tuned_model_checkpoint: name,
        fine_tuning_job_id: record.id,
        metrics: { step, train_loss: trainLoss, ...(validLoss !== undefined ? { valid_loss: validLoss, full_valid_loss: validLoss } : {}) },
        step_number: step,
      };
      // A job run again after a restart replaces its checkpoints step by step.
      record.checkpoints = [...record.checkpoints.filter((c) => c.step_number !== step), checkpoint].sort((a, b) => a.step_number - b.step_number);
      record.weights[name] = file;
      jobs.event(record, `Checkpoint created at step ${step} (epoch ${epoch}) with Snapshot ID: ${name}`, { data: { step, epoch, train_loss: trainLoss } });
      await jobs.save(record);
    };
    const tuned = await fineTune(base, input.examples, {
      mode: record.mode,
      seed: record.job.seed,
      epochs: hp.n_epochs,
      batchSize: hp.batch_size,
      learningRate: MODE_DEFAULTS[record.mode].learningRate * hp.learning_rate_multiplier,
      signal,
      onStep: (step, steps, loss) => {
        metrics.push({ step, train_loss: loss });
        if (step % Math.max(1, Math.ceil(steps / METRIC_EVENTS)) === 0 || step === steps) {
          jobs.event(record, `Step ${step}/${steps}: training loss=${loss.toFixed(4)}`, { type: 'metrics', data: { step, train_loss: loss, total_steps: steps } });
        }
      },
      onEpoch,
    });
    disposeModel(tuned.model);
    // The last epoch's checkpoint holds the fine-tuned model's weights.
    return { metrics, file: record.weights[checkpointModelName(modelName, tuned.steps)]! };
  } finally {
    disposeModel(base);
  }
}

export function stepMetricsCsv(metrics: readonly StepMetrics[]): string {
  const rows = metrics.map((m) => [m.step, m.train_loss, '', m.valid_loss ?? '', ''].join(','));
  return ['step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy', ...rows].join('\n') + '\n';
}
