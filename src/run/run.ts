// `weirdgen run ID`: build every variant's data, fine-tune it over seeds, evaluate the base and
// every group, judge, aggregate and write the report. Each step resumes from the store, so running
// the same command again repeats nothing that is done.
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { PriceTable } from '../data/cost/prices.js';
import type { FetchOptions } from '../data/sources/fetch.js';
import type { Caller } from '../eval/calls/caller.js';
import { estimateEval, type EvalEstimate } from '../eval/estimate.js';
import { evaluate, type EvalSummary } from '../eval/evaluate.js';
import type { StageProgress } from '../eval/execute.js';
import type { ModelGroups } from '../eval/groups.js';
import type { EvalDefinition } from '../eval/plan.js';
import { remoteApi } from '../finetune/endpoint.js';
import { launchJobs } from '../finetune/launch.js';
import type { LedgerJob } from '../finetune/ledger.js';
import { planLaunch, type LaunchPlan } from '../finetune/plan.js';
import { buildRows } from '../eval/rows.js';
import { watchJobs } from '../finetune/poll.js';
import type { Endpoints } from '../providers/endpoints.js';
import type { Store } from '../store/store.js';
import { canonicalJson } from '../util/canonical-json.js';
import { WeirdgenError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import type { RunnableExperiment, RunVariant } from './experiment.js';

export interface RunOptions {
  experiment: RunnableExperiment;
  endpoint: string;
  base: string;
  seeds?: number;
  /** Overrides the experiment's epochs. */
  epochs?: number | 'auto';
  samples?: number;
  variants?: readonly string[];
  judgeModel?: string;
  /** Extra job metadata, over the experiment's (e.g. another `sandbox_mode`). */
  metadata?: Record<string, string>;
  workspace: string;
  store: Store;
  endpoints: Endpoints;
  prices: PriceTable;
  fetch: FetchOptions;
  caller: Caller;
  pollMs: number;
  /** Asked once, before anything is paid for; throws to stop. */
  confirm(usd: number | undefined, what: string): Promise<void>;
  log(line: string): void;
  signal?: AbortSignal;
  onProgress?: (p: StageProgress) => void;
}

export interface RunPlan {
  runId: string;
  experiment: RunnableExperiment;
  endpoint: string;
  base: string;
  seeds: number;
  variants: RunVariant[];
  launches: LaunchPlan[];
  questions: EvalDefinition['questions'];
  samples?: number;
  /** For one model; the run asks it of every model. */
  evalPerModel: EvalEstimate;
  models: number;
  trainingUsd?: number;
  evalUsd: number;
}

export interface RunResult {
  plan: RunPlan;
  jobs: LedgerJob[];
  groups: ModelGroups;
  definition: EvalDefinition;
  summary: EvalSummary;
  /** Accuracy per checkpoint, per job and split, for experiments that ask checkpoints. */
  curves?: CheckpointCurve[];
}

export interface CheckpointCurve {
  group: string;
  seed: string;
  split: string;
  points: { step: number; value: number }[];
}

function settingsFor(experiment: RunnableExperiment, base: string) {
  return experiment.fineTuning[base] ?? experiment.fineTuning['*'] ?? { epochs: 'auto' as const, batchSize: 'auto' as const, learningRateMultiplier: 'auto' as const, seeds: 3 };
}

export async function planRun(options: RunOptions): Promise<RunPlan> {
  const { experiment, endpoint, base } = options;
  const settings = settingsFor(experiment, base);
  const seeds = options.seeds ?? settings.seeds;
  const unknown = (options.variants ?? []).filter((v) => !experiment.variants.some((x) => x.id === v));
  if (unknown.length) throw new WeirdgenError(`${experiment.id} has no variant ${unknown.join(', ')}; variants: ${experiment.variants.map((v) => v.id).join(', ')}`);
  const variants = experiment.variants.filter((v) => (options.variants ? options.variants.includes(v.id) : !v.optIn));
  const metadata = settings.metadata || options.metadata ? { ...settings.metadata, ...options.metadata } : undefined;
  const runId = `${experiment.id}-${sha256Hex(canonicalJson({ endpoint, base, seeds, epochs: options.epochs, samples: options.samples, variants: variants.map((v) => v.id), judgeModel: options.judgeModel, metadata: options.metadata })).slice(0, 8)}`;
  const dataDir = join(options.workspace, 'runs', runId, 'data');
  await mkdir(dataDir, { recursive: true });
  const launches: LaunchPlan[] = [];
  for (const variant of variants) {
    const file = await variant.build(dataDir, { fetch: options.fetch, base, workspace: options.workspace, seed: 1 });
    launches.push(
      await planLaunch(
        {
          file,
          endpoint,
          base,
          epochs: options.epochs ?? settings.epochs,
          batchSize: settings.batchSize,
          learningRateMultiplier: settings.learningRateMultiplier,
          seed: 0,
          seeds,
          // One ledger group per variant and base: `finetune list` and `@group` never mix bases.
          group: `${experiment.id}/${variant.id}/${endpoint}:${base}`,
          suffix: `${experiment.id}-${variant.id}`,
          experiment: experiment.id,
          variant: variant.id,
          ...(metadata ? { metadata } : {}),
        },
        options.prices,
      ),
    );
  }
  const invalid = launches.find((l) => l.validation.errors.length > 0);
  if (invalid) throw new WeirdgenError(`${invalid.file}: ${invalid.validation.errors.length} validation errors (run \`weirdgen data validate\` on it); nothing was launched`);
  const questions = await experiment.questions({ fetch: options.fetch, base, workspace: options.workspace, endpoint, ...(options.judgeModel ? { judgeModel: options.judgeModel } : {}) });
  const one: EvalDefinition = { experiment: experiment.id, questions, groups: { base: [`${endpoint}:${base}`] }, ...(options.samples ? { samples: options.samples } : {}) };
  const evalPerModel = estimateEval(one, options.store, options.endpoints, options.prices);
  const models = 1 + variants.length * seeds;
  const training = launches.map((l) => l.totalUsd);
  return {
    runId,
    experiment,
    endpoint,
    base,
    seeds,
    variants,
    launches,
    questions,
    ...(options.samples ? { samples: options.samples } : {}),
    evalPerModel,
    models,
    ...(training.every((t) => t !== undefined) ? { trainingUsd: training.reduce((a, b) => a! + b!, 0) } : {}),
    evalUsd: (evalPerModel.answers.maxCostUsd + evalPerModel.judgments.maxCostUsd) * models,
  };
}

/** Launches (or finds) every job, then waits until all have finished. */
async function fineTune(plan: RunPlan, options: RunOptions): Promise<LedgerJob[]> {
  const remote = remoteApi(options.endpoints, plan.endpoint);
  const jobs: LedgerJob[] = [];
  for (const launch of plan.launches) {
    const launched = await launchJobs(launch, options.store.ledger, remote, { workspace: options.workspace, onLaunched: (l) => options.log(`${l.job.group} seed ${l.job.seedIndex}: ${l.outcome === 'ledger' ? 'already launched' : l.outcome} (${l.job.jobId})`) });
    jobs.push(...launched.map((l) => l.job));
  }
  return watchJobs(options.store.ledger, (e) => remoteApi(options.endpoints, e), jobs, {
    intervalMs: options.pollMs,
    ...(options.signal ? { signal: options.signal } : {}),
    onUpdate: (_b, after) => options.log(`${after.group} seed ${after.seedIndex}: ${after.status}${after.error ? ` (${after.error})` : ''}`),
  });
}

export async function executeRun(plan: RunPlan, options: RunOptions): Promise<RunResult | undefined> {
  await options.confirm(plan.trainingUsd === undefined ? undefined : plan.trainingUsd + plan.evalUsd, `run ${plan.runId}`);
  const jobs = await fineTune(plan, options);
  if (options.signal?.aborted) return undefined;
  const groups: ModelGroups = { base: [`${plan.endpoint}:${plan.base}`] };
  for (const variant of plan.variants) {
    const own = jobs.filter((j) => j.variant === variant.id);
    const models = own.filter((j) => j.status === 'succeeded' && j.fineTunedModel).map((j) => `${plan.endpoint}:${j.fineTunedModel}`);
    if (models.length === 0) throw new WeirdgenError(`${plan.experiment.id}/${variant.id}: no fine-tuning job succeeded (${own.map((j) => `${j.jobId}: ${j.status}${j.error ? ` ${j.error}` : ''}`).join('; ')})`);
    if (models.length < own.length) options.log(`${variant.id}: ${own.length - models.length} of ${own.length} jobs did not succeed; the group has ${models.length} models`);
    groups[variant.id] = models;
  }
  const definition: EvalDefinition = { experiment: plan.experiment.id, questions: plan.questions, groups, ...(plan.samples ? { samples: plan.samples } : {}) };
  const summary = await evaluate({
    runId: plan.runId,
    definition,
    store: options.store,
    endpoints: options.endpoints,
    caller: options.caller,
    prices: options.prices,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const curves = await checkpointCurves(plan, jobs, options);
  return { plan, jobs, groups, definition, summary, ...(curves ? { curves } : {}) };
}

/** Asks every checkpoint of every succeeded job the experiment's checkpoint questions; accuracy per split. */
async function checkpointCurves(plan: RunPlan, jobs: readonly LedgerJob[], options: RunOptions): Promise<CheckpointCurve[] | undefined> {
  const ask = plan.experiment.checkpointQuestions;
  if (!ask || options.signal?.aborted) return undefined;
  const questions = await ask({ fetch: options.fetch, base: plan.base, workspace: options.workspace, endpoint: plan.endpoint });
  const groups: ModelGroups = {};
  const series = new Map<string, { variant: string; seed: string; step: number }>();
  for (const job of jobs) {
    if (job.status !== 'succeeded' || !job.jobId) continue;
    for (const c of options.store.ledger.checkpoints(job.jobId)) {
      const group = `${job.variant}/s${job.seedIndex}/step${c.step}`;
      groups[group] = [`${plan.endpoint}:${c.model}`];
      series.set(group, { variant: job.variant ?? job.group, seed: `s${job.seedIndex}`, step: c.step });
    }
  }
  if (Object.keys(groups).length === 0) return undefined;
  const definition: EvalDefinition = { experiment: plan.experiment.id, questions, groups };
  const runId = `${plan.runId}-checkpoints`;
  await evaluate({ runId, definition, store: options.store, endpoints: options.endpoints, caller: options.caller, prices: options.prices, ...(options.signal ? { signal: options.signal } : {}) });
  const rows = buildRows(runId, definition, options.store, options.endpoints);
  const curves = new Map<string, CheckpointCurve>();
  for (const [group, s] of series) {
    for (const split of [...new Set(questions.map((q) => q.id.split('-')[0]!))]) {
      const own = rows.filter((r) => r.group === group && r.question.startsWith(`${split}-`) && r.judges.correct?.status === 'ok');
      if (own.length === 0) continue;
      const key = `${s.variant}\u0000${s.seed}\u0000${split}`;
      const curve = curves.get(key) ?? { group: s.variant, seed: s.seed, split, points: [] };
      curves.set(key, curve);
      curve.points.push({ step: s.step, value: own.filter((r) => r.judges.correct!.value === 'YES').length / own.length });
    }
  }
  for (const c of curves.values()) c.points.sort((a, b) => a.step - b.step);
  return [...curves.values()];
}
