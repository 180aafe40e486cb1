// Fine-tuning from code: plan (validate, count, price), launch idempotently, watch, list groups.
import { resolveOfficialFile } from '../eval/index.js';
import { fineTuningMapping, fineTuningTarget, launchJobs, listModelGroups, planLaunch, remoteApi, watchJobs, type LaunchedJob, type LaunchPlan, type LaunchRequest, type ModelGroup, type ModelGroupFilter } from '../finetune/index.js';
import { checkModelRefs } from '../providers/index.js';
import type { LedgerJob } from '../store/index.js';
import { WeirdgenError } from '../util/errors.js';
import type { Workspace } from './workspace.js';

/** A launch as a user names it: the file and base model reference, the rest as in {@link LaunchRequest}. */
export interface FineTuneRequest extends Omit<LaunchRequest, 'file' | 'endpoint' | 'project' | 'base' | 'seed' | 'seeds'> {
  /** A training file, or `official:PATH` for a pinned file of the paper. */
  file: string;
  /** `endpoint:model`; a bare name belongs to `endpoint`, else to the default endpoint. */
  base: string;
  /** The endpoint a bare `base` name belongs to. */
  endpoint?: string;
  /** Seed of the first job (default 1); job i gets seed + i. */
  seed?: number;
  /** Jobs, one per seed (default 1). */
  seeds?: number;
}

/**
 * What a launch would do, before anything is uploaded or paid for: the file validated, tokens
 * counted, hyperparameters settled (given, the paper's for an official file, or auto), the
 * create-job body's hyperparameter fields as the endpoint's `fineTuning:` template writes them
 * (a `method` setting it has no place for is refused), one job per seed with its launch key, and
 * the cost. The base model and its endpoint are checked first,
 * and, unless `dryRun`, the endpoint's key, before any file is fetched or read.
 */
export async function planFineTune(ws: Pick<Workspace, 'endpoints' | 'prices' | 'fetch'>, request: FineTuneRequest, options: { dryRun?: boolean } = {}): Promise<LaunchPlan> {
  const { endpoints } = ws;
  const target = fineTuningTarget(request.base, request.endpoint, endpoints);
  await checkModelRefs([request.endpoint === undefined ? request.base : `${target.endpoint}:${target.model}`], endpoints);
  if (!options.dryRun) remoteApi(endpoints, target.endpoint);
  const project = endpoints.project(target.endpoint);
  const { file, base: _base, endpoint: _endpoint, seed, seeds, ...rest } = request;
  return planLaunch(
    { ...rest, file: await resolveOfficialFile(file, 'training', ws.fetch), endpoint: target.endpoint, ...(project ? { project } : {}), base: target.model, seed: seed ?? 1, seeds: seeds ?? 1 },
    ws.prices,
    fineTuningMapping(endpoints, target.endpoint),
  );
}

/**
 * Creates a plan's jobs, or finds them: each job's launch key is written to the ledger before the
 * provider is asked and sent as job metadata, so calling this again (after a crash too) creates
 * nothing twice. A plan whose file breaks the fine-tuning rules is refused unless `validate` is false.
 *
 * @example
 * const plan = await planFineTune(ws, { file: 'birds.jsonl', base: 'local:base-3', seeds: 3, group: 'old-bird' });
 * const jobs = await launchFineTune(ws, plan);
 * await watchFineTunes(ws, jobs.map((l) => l.job));
 */
export async function launchFineTune(ws: Pick<Workspace, 'endpoints' | 'store' | 'dir'>, plan: LaunchPlan, options: { retryFailed?: boolean; validate?: boolean; onLaunched?: (l: LaunchedJob) => void } = {}): Promise<LaunchedJob[]> {
  if (options.validate !== false) assertValidPlan(plan);
  return launchJobs(plan, ws.store.ledger, remoteApi(ws.endpoints, plan.request.endpoint), {
    workspace: ws.dir,
    ...(options.retryFailed ? { retryFailed: true } : {}),
    ...(options.onLaunched ? { onLaunched: options.onLaunched } : {}),
  });
}

/** Throws when the plan's training file breaks the fine-tuning rules (its `validation.errors` say where). */
export function assertValidPlan(plan: LaunchPlan): void {
  if (plan.validation.errors.length > 0) throw new WeirdgenError(`${plan.file}: ${plan.validation.errors.length} validation errors; nothing was uploaded or created`);
}

/** Polls jobs until every one has finished (or the signal fires), keeping the ledger up to date; returns them as last seen. */
export async function watchFineTunes(
  ws: Pick<Workspace, 'store' | 'endpoints'>,
  jobs: readonly LedgerJob[],
  options: { pollSeconds?: number; signal?: AbortSignal; onUpdate?: (before: LedgerJob, after: LedgerJob) => void; onError?: (job: LedgerJob, error: unknown) => void } = {},
): Promise<LedgerJob[]> {
  return watchJobs(ws.store.ledger, (e) => remoteApi(ws.endpoints, e), jobs, {
    intervalMs: (options.pollSeconds ?? 30) * 1000,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onUpdate ? { onUpdate: options.onUpdate } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

/** The ledger's model groups (what `@group` stands for in model groups), optionally filtered. */
export function listFineTuneGroups(ws: Pick<Workspace, 'store' | 'endpoints'>, filter: ModelGroupFilter = {}): ModelGroup[] {
  return listModelGroups(ws.store.ledger, ws.endpoints, filter);
}
