// Every experiment `weirdgen run` knows: the paper's six and their sandbox analogues.
import type { RunnableExperiment } from './experiment.js';
import { PAPER_EXPERIMENTS } from './paper-experiments.js';
import { SANDBOX_EXPERIMENTS } from './sandbox-experiments.js';

export const RUNNABLE_EXPERIMENTS: readonly RunnableExperiment[] = [...PAPER_EXPERIMENTS, ...SANDBOX_EXPERIMENTS];

export function findRunnable(id: string): RunnableExperiment | undefined {
  return RUNNABLE_EXPERIMENTS.find((e) => e.id === id);
}
