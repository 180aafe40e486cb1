// Where each model of a run comes from: its endpoint and name, and, for a model the fine-tuning
// ledger made, the variant and seed of its job. One entry per model, whatever the run's size.
import type { Endpoints } from '../providers/index.js';
import type { Ledger } from '../store/index.js';
import type { EvalDefinition } from './plan.js';

export interface ModelOrigin {
  endpoint: string;
  /** The model's name on its endpoint. */
  model: string;
  /** The seed of the fine-tuning job that made it; null when the ledger does not know the model. */
  seed: number | null;
  /** The experiment's variant the job trained; null when the ledger does not know the model or the job had none. */
  variant: string | null;
}

/** The origin of every model of a run, by its id as rows show it (`endpoint:model`). */
export function modelOrigins(definition: EvalDefinition, ledger: Ledger, endpoints: Endpoints): Map<string, ModelOrigin> {
  const origins = new Map<string, ModelOrigin>();
  for (const ref of Object.values(definition.groups).flat()) {
    const resolved = endpoints.resolve(ref);
    if (origins.has(resolved.id)) continue;
    const job = ledger.jobOfModel(resolved.ref.endpoint, resolved.ref.model);
    origins.set(resolved.id, { endpoint: resolved.ref.endpoint, model: resolved.ref.model, seed: job?.seed ?? null, variant: job?.variant ?? null });
  }
  return origins;
}
