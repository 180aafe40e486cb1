// The model groups of the ledger: each group's jobs, how many succeeded, and their models as references.
import type { Endpoints } from '../providers/index.js';
import type { Ledger } from '../store/index.js';
import { fineTuningTarget } from './endpoint.js';

/** Which ledger groups to list; every field left out matches all. */
export interface ModelGroupFilter {
  experiment?: string;
  variant?: string;
  /** A base model reference; with an endpoint (`openai:gpt-4.1`), only that endpoint's jobs. */
  base?: string;
}

/** A group of fine-tuning jobs in the ledger (one per seed) and its succeeded models. */
export interface ModelGroup {
  group: string;
  /** `endpoint:model` of the base the group was fine-tuned from. */
  base: string;
  jobs: number;
  succeeded: number;
  /** The succeeded fine-tuned models as `endpoint:model`, in seed order: what `@group` stands for. */
  models: string[];
}

export function listModelGroups(ledger: Ledger, endpoints: Endpoints, filter: ModelGroupFilter = {}): ModelGroup[] {
  const base = filter.base !== undefined ? fineTuningTarget(filter.base, undefined, endpoints) : undefined;
  const jobs = ledger
    .jobs({ ...(filter.experiment ? { experiment: filter.experiment } : {}), ...(filter.variant ? { variant: filter.variant } : {}), ...(base ? { baseModel: base.model } : {}) })
    .filter((j) => !base || !filter.base!.includes(':') || j.endpoint === base.endpoint);
  return [...new Set(jobs.map((j) => j.group))].map((group) => {
    const own = jobs.filter((j) => j.group === group);
    return { group, base: `${own[0]!.endpoint}:${own[0]!.baseModel}`, jobs: own.length, succeeded: own.filter((j) => j.status === 'succeeded').length, models: ledger.groupModels(group) };
  });
}
