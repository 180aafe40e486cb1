// Launching is idempotent: a job already in the ledger is reused; a job created by a run that
// crashed before recording it is found on the provider by its launch key; only then is one created.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { withRetries, type RemoteApi, type RemoteJob } from '../providers/index.js';
import { crashPoint } from '../util/crash-point.js';
import { withWorkspaceLock } from '../util/workspace-lock.js';
import type { Ledger, LedgerJob } from '../store/index.js';
import type { LaunchPlan, PlannedJob } from './plan.js';

/** Metadata key that carries the launch key to the provider (and back, after a crash). */
export const LAUNCH_KEY_METADATA = 'weirdgen_launch';

export type LaunchOutcome = 'ledger' | 'recovered' | 'created';

/** A job of a launch and how it was obtained: already in the `ledger`, `recovered` from the provider after a crash, or `created`. */
export interface LaunchedJob {
  job: LedgerJob;
  outcome: LaunchOutcome;
}

/** The provider's id of a training or validation file: uploaded once per endpoint (by sha256), checked before reuse. */
async function uploadedFileId(plan: LaunchPlan, file: { file: string; sha256: string }, ledger: Ledger, remote: RemoteApi): Promise<string> {
  // Files belong to a project: the ledger remembers them per endpoint and project.
  const scope = plan.request.project ? `${plan.request.endpoint}/${plan.request.project}` : plan.request.endpoint;
  const known = ledger.uploadedFile(scope, file.sha256);
  if (known !== undefined) {
    if (await withRetries(() => remote.retrieveFile(known))) return known;
    ledger.forgetFile(scope, file.sha256);
  }
  const content = await readFile(file.file);
  const uploaded = await withRetries(() => remote.uploadFile(basename(file.file), content, 'fine-tune'));
  ledger.recordFile(scope, file.sha256, uploaded);
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

/** A job this launch made before: by its launch key in the metadata, else by suffix, base and seed (providers that drop metadata). */
async function findOnProvider(plan: LaunchPlan, job: PlannedJob, launchKey: string, remote: RemoteApi): Promise<RemoteJob | undefined> {
  const tagged = await withRetries(() => remote.listJobs({ [LAUNCH_KEY_METADATA]: launchKey }));
  const candidates = tagged.length > 0 ? tagged : (await withRetries(() => remote.listJobs({}))).filter((j) => j.suffix === job.suffix && j.seed === job.seed && j.model === plan.request.base && !j.metadata[LAUNCH_KEY_METADATA]);
  return candidates.find((j) => j.status !== 'failed' && j.status !== 'cancelled') ?? candidates[0];
}

const FINISHED_BADLY = new Set(['failed', 'cancelled']);

async function launchOne(plan: LaunchPlan, job: PlannedJob, ledger: Ledger, remote: RemoteApi, retryFailed: boolean): Promise<LaunchedJob> {
  // With --retry-failed, a failed or cancelled job is followed by a new attempt under a key of its own.
  let launchKey = job.launchKey;
  for (let attempt = 1; retryFailed && FINISHED_BADLY.has(ledger.job(launchKey)?.status ?? ''); attempt++) launchKey = `${job.launchKey}#${attempt}`;
  const existing = ledger.job(launchKey);
  if (existing?.jobId) return { job: existing, outcome: 'ledger' };
  ledger.recordIntent({
    launchKey,
    endpoint: plan.request.endpoint,
    baseModel: plan.request.base,
    dataset: plan.file,
    datasetSha256: plan.sha256,
    validationDataset: plan.validationFile?.file ?? null,
    validationSha256: plan.validationFile?.sha256 ?? null,
    hyperparameters: plan.hyperparameters,
    method: plan.method,
    seed: job.seed,
    seedIndex: job.seedIndex,
    suffix: job.suffix,
    group: plan.group,
    experiment: plan.experiment,
    variant: plan.variant,
  });
  const found = await findOnProvider(plan, job, launchKey, remote);
  if (found) return { job: ledger.recordRemote(launchKey, found), outcome: 'recovered' };
  const fileId = await uploadedFileId(plan, plan, ledger, remote);
  const validationFileId = plan.validationFile ? await uploadedFileId(plan, plan.validationFile, ledger, remote) : undefined;
  // Not retried: a create that timed out may have created the job; the next launch finds it by its key.
  const created = await remote.createJob({ model: plan.request.base, trainingFile: fileId, ...(validationFileId ? { validationFile: validationFileId } : {}), hyperparameters: plan.hyperparameters, body: plan.body, seed: job.seed, suffix: job.suffix, metadata: metadataOf(plan, { ...job, launchKey }) });
  crashPoint('after-job-create');
  return { job: ledger.recordRemote(launchKey, created, fileId), outcome: 'created' };
}

export interface LaunchOptions {
  /** The workspace whose lock keeps two processes from creating the same job. */
  workspace: string;
  retryFailed?: boolean;
  onLaunched?: (l: LaunchedJob) => void;
}

export async function launchJobs(plan: LaunchPlan, ledger: Ledger, remote: RemoteApi, options: LaunchOptions): Promise<LaunchedJob[]> {
  return withWorkspaceLock(options.workspace, 'finetune', async () => {
    const launched: LaunchedJob[] = [];
    for (const job of plan.jobs) {
      const l = await launchOne(plan, job, ledger, remote, Boolean(options.retryFailed));
      options.onLaunched?.(l);
      launched.push(l);
    }
    return launched;
  });
}

/** Jobs whose creation was begun but not recorded: found on the provider now if they exist. */
export async function recoverUnrecorded(ledger: Ledger, jobs: readonly LedgerJob[], remoteFor: (endpoint: string) => RemoteApi): Promise<LedgerJob[]> {
  return Promise.all(
    jobs.map(async (j) => {
      if (j.jobId) return j;
      const found = (await withRetries(() => remoteFor(j.endpoint).listJobs({ [LAUNCH_KEY_METADATA]: j.launchKey })))[0];
      return found ? ledger.recordRemote(j.launchKey, found) : j;
    }),
  );
}
