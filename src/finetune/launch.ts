// Launching is idempotent: a job already in the ledger is reused; a job created by a run that
// crashed before recording it is found on the provider by its launch key; only then is one created.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { withRetries } from '../eval/calls/retry-policy.js';
import type { RemoteApi } from '../providers/remote-api.js';
import { crashPoint } from '../util/crash-point.js';
import type { Ledger, LedgerJob } from './ledger.js';
import type { LaunchPlan, PlannedJob } from './plan.js';

/** Metadata key that carries the launch key to the provider (and back, after a crash). */
export const LAUNCH_KEY_METADATA = 'weirdgen_launch';

export type LaunchOutcome = 'ledger' | 'recovered' | 'created';

export interface LaunchedJob {
  job: LedgerJob;
  outcome: LaunchOutcome;
}

/** The provider's id of the training file: uploaded once per endpoint, checked before reuse. */
async function trainingFileId(plan: LaunchPlan, ledger: Ledger, remote: RemoteApi): Promise<string> {
  // Files belong to a project: the ledger remembers them per endpoint and project.
  const endpoint = plan.request.project ? `${plan.request.endpoint}/${plan.request.project}` : plan.request.endpoint;
  const known = ledger.uploadedFile(endpoint, plan.sha256);
  if (known !== undefined) {
    if (await withRetries(() => remote.retrieveFile(known))) return known;
    ledger.forgetFile(endpoint, plan.sha256);
  }
  const content = await readFile(plan.file);
  const uploaded = await withRetries(() => remote.uploadFile(basename(plan.file), content, 'fine-tune'));
  ledger.recordFile(endpoint, plan.sha256, uploaded);
  return uploaded.id;
}

function metadataOf(plan: LaunchPlan, job: PlannedJob): Record<string, string> {
  return {
    ...plan.request.metadata,
    [LAUNCH_KEY_METADATA]: job.launchKey,
    seed_index: String(job.seedIndex),
    group: plan.group,
    ...(plan.experiment ? { experiment: plan.experiment } : {}),
    ...(plan.variant ? { variant: plan.variant } : {}),
  };
}

async function launchOne(plan: LaunchPlan, job: PlannedJob, ledger: Ledger, remote: RemoteApi): Promise<LaunchedJob> {
  const existing = ledger.job(job.launchKey);
  if (existing?.jobId) return { job: existing, outcome: 'ledger' };
  ledger.recordIntent({
    launchKey: job.launchKey,
    endpoint: plan.request.endpoint,
    baseModel: plan.request.base,
    dataset: plan.file,
    datasetSha256: plan.sha256,
    hyperparameters: plan.hyperparameters,
    seed: job.seed,
    seedIndex: job.seedIndex,
    suffix: job.suffix,
    group: plan.group,
    experiment: plan.experiment,
    variant: plan.variant,
  });
  const found = await withRetries(() => remote.listJobs({ [LAUNCH_KEY_METADATA]: job.launchKey }));
  const alive = found.find((j) => j.status !== 'failed' && j.status !== 'cancelled') ?? found[0];
  if (alive) return { job: ledger.recordRemote(job.launchKey, alive), outcome: 'recovered' };
  const fileId = await trainingFileId(plan, ledger, remote);
  // Not retried: a create that timed out may have created the job; the next launch finds it by its key.
  const created = await remote.createJob({ model: plan.request.base, trainingFile: fileId, hyperparameters: plan.hyperparameters, seed: job.seed, suffix: job.suffix, metadata: metadataOf(plan, job) });
  crashPoint('after-job-create');
  return { job: ledger.recordRemote(job.launchKey, created, fileId), outcome: 'created' };
}

export async function launchJobs(plan: LaunchPlan, ledger: Ledger, remote: RemoteApi, onLaunched?: (l: LaunchedJob) => void): Promise<LaunchedJob[]> {
  const launched: LaunchedJob[] = [];
  for (const job of plan.jobs) {
    const l = await launchOne(plan, job, ledger, remote);
    onLaunched?.(l);
    launched.push(l);
  }
  return launched;
}
