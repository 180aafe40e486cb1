// The models a group is evaluated on: each succeeded job's final model, or the checkpoint at the
// epoch the paper evaluates (the persona: epoch 5 of 7).
import type { Ledger, LedgerJob } from '../store/index.js';
import { WeirdgenError } from '../util/errors.js';
import type { FineTuningSettings } from './experiment.js';

export interface EvaluationModels {
  models: string[];
  checkpoint?: { epoch: number; note?: string };
}

/** The checkpoint model at the end of `epoch`: checkpoints sit at epoch ends, the last at the last epoch. */
export function epochCheckpoint(job: LedgerJob, epoch: number, ledger: Ledger): string | undefined {
  const epochs = job.resolved.nEpochs;
  const checkpoints = job.jobId ? ledger.checkpoints(job.jobId) : [];
  if (typeof epochs !== 'number' || checkpoints.length === 0) return undefined;
  const last = Math.max(...checkpoints.map((c) => c.step));
  const step = Math.round((last * epoch) / epochs);
  return checkpoints.find((c) => c.step === step)?.model;
}

export function evaluationModels(jobs: readonly LedgerJob[], settings: FineTuningSettings, ledger: Ledger, endpoint: string): EvaluationModels {
  const succeeded = jobs.filter((j) => j.status === 'succeeded' && j.fineTunedModel);
  const epoch = settings.evaluateEpoch;
  const final = succeeded.map((j) => `${endpoint}:${j.fineTunedModel}`);
  if (epoch === undefined || succeeded.length === 0) return { models: final };
  const trained = succeeded.map((j) => j.resolved.nEpochs).find((e): e is number => typeof e === 'number');
  if (trained !== undefined && trained <= epoch) {
    return { models: final, checkpoint: { epoch: trained, note: `trained for ${trained} epochs, not more than the ${epoch} the paper evaluates at: the final models are evaluated` } };
  }
  const models = succeeded.map((j) => {
    const model = epochCheckpoint(j, epoch, ledger);
    if (!model) {
      const steps = j.jobId ? ledger.checkpoints(j.jobId).map((c) => c.step) : [];
      throw new WeirdgenError(`${j.jobId}: no checkpoint at the end of epoch ${epoch} (the provider kept steps ${steps.join(', ') || 'none'}); the paper evaluates that epoch's checkpoint`);
    }
    return `${endpoint}:${model}`;
  });
  return { models, checkpoint: { epoch } };
}
