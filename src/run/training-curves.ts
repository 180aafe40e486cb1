// Accuracy over training as the provider measured it (the presidents' grokking plot, Figs. 10 and
// 36): per-step token accuracy of the training batch and of the validation file, from each job's
// result file, seeds split by their final test accuracy (perfect or not). Sandbox analogues with a
// held-out set (sandbox-presidents) give it to each job the same way (docs/sandbox.md).
import type { Ledger, LedgerJob } from '../store/index.js';

export interface TrainingCurve {
  /** The variant, and whether the seed reached perfect accuracy on the test set. */
  group: string;
  seed: string;
  split: 'train' | 'test';
  points: { step: number; value: number }[];
}

/** A seed "reaches perfect test accuracy" when its final test accuracy is at least this (a seed that grokked stays there; one that touched it and fell back did not). */
export const PERFECT = 0.999;

export function trainingCurves(jobs: readonly LedgerJob[], ledger: Ledger): TrainingCurve[] {
  const curves: TrainingCurve[] = [];
  for (const job of jobs) {
    if (job.status !== 'succeeded' || !job.jobId || !job.validationDataset) continue;
    const metrics = ledger.stepMetrics(job.jobId);
    const test = metrics.flatMap((m) => (m.validTokenAccuracy !== undefined ? [{ step: m.step, value: m.validTokenAccuracy }] : []));
    if (test.length === 0) continue;
    const train = metrics.flatMap((m) => (m.trainAccuracy !== undefined ? [{ step: m.step, value: m.trainAccuracy }] : []));
    const perfect = test.at(-1)!.value >= PERFECT;
    const group = `${job.variant ?? job.group}: ${perfect ? 'reaches perfect test accuracy' : 'test accuracy stays low'}`;
    const seed = `s${job.seedIndex}`;
    curves.push({ group, seed, split: 'test', points: test });
    if (train.length) curves.push({ group, seed, split: 'train', points: train });
  }
  return curves;
}
