// `weirdgen run ID`: build every variant's data, fine-tune it over seeds, select the seeds the
// paper selects, evaluate the base and every group, judge, aggregate and write the report. Each
// step resumes from the store, so running the same command again repeats nothing that is done.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type PriceTable, findSource, fetchSource, formatUsd, type FetchOptions, type TriggerForm } from '../data/index.js';
import { type Caller, estimateEval, type EvalEstimate, type EvalSummary, type StageProgress, type ModelGroups, type EvalDefinition, type Question, type AgenticResult } from '../eval/index.js';
import type { LedgerJob, Store } from '../store/index.js';
import { overrideMethod, type TrainingMethod } from '../config/index.js';
import { fineTuningMapping, planLaunch, type LaunchPlan, type LaunchRequest } from '../finetune/index.js';
import type { Endpoints } from '../providers/index.js';
import { canonicalJson } from '../util/canonical-json.js';
import { didYouMean } from '../util/did-you-mean.js';
import { IntegrityError, WeirdgenError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { planAgentic, type AgenticRunPlan } from './agentic.js';
import { planDistillation, type DistillationPlan } from './distill-variant.js';
import { addEstimates, questionsByEvaluation } from './extra-evaluations.js';
import type { ConditionInfo, FineTuningSettings, RunnableExperiment, RunVariant } from './experiment.js';
import type { SeedSelection } from './seed-filter.js';
import type { TrainingCurve } from './training-curves.js';

/** Everything a run needs: the experiment and its settings, the workspace's store and endpoints, and the callbacks (`resolveRunOptions` fills it from settings). */
export interface RunOptions {
  experiment: RunnableExperiment;
  endpoint: string;
  base: string;
  /** Overrides every variant's number of seeds. */
  seeds?: number;
  /** Overrides every variant's epochs. */
  epochs?: number | 'auto';
  /** Overrides the paper's training method, field by field (LoRA rank, alpha, learning rate on services that fine-tune open models). */
  method?: TrainingMethod;
  /** Samples in the experiment's own unit (see `experiment.samples.unit`). */
  samples?: number;
  /** A pilot: at most this many prompts per question and trigger condition (dates, months, codes), evenly spread. */
  maxPrompts?: number;
  /** Random dates a year of a counterfactual audit (the dishes' App. D.4), instead of the spec's. */
  auditDates?: number;
  variants?: readonly string[];
  judgeModel?: string;
  /** Prompts to self-distil instead of the paper's (a variant whose official file cannot be fetched). */
  distillPrompts?: string;
  /** false: evaluate every seed, skipping the paper's seed selection. */
  seedFilter?: boolean;
  /** A local checkout of the agentic-misalignment framework, instead of its pinned files. */
  templates?: string;
  /** Samples per condition per model of the agentic scenarios (default: the paper's). */
  agenticSamples?: number;
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

export interface PlannedVariant {
  variant: RunVariant;
  settings: FineTuningSettings;
  /** The launch, when its training file exists. */
  launch?: LaunchPlan;
  /** When its file is built by self-distillation first: what that asks and costs. */
  distillation?: DistillationPlan;
  /** The paper's seed selection applies to its seeds. */
  seedSelection: boolean;
}

/** What a run will do before it starts: the variants to train on the base, the questions and conditions, and the estimated costs in USD. */
export interface RunPlan {
  runId: string;
  experiment: RunnableExperiment;
  endpoint: string;
  base: string;
  variants: PlannedVariant[];
  /** Samples in the experiment's unit. */
  samples: number;
  /** The questions the base and the groups trained on codes are asked. */
  questions: Question[];
  /** Questions for groups trained on another trigger form (the presidents' bare numbers). */
  groupQuestions: Record<string, Question[]>;
  questionProvenance: string;
  /** The trigger conditions (none when the questions are asked plainly). */
  conditions: ConditionInfo[];
  /** The source file of each question, where they come from several (the persona's categories). */
  categories: Record<string, string>;
  /** Fallbacks and caveats the reader must see. */
  notices: string[];
  /** One base model's evaluation, and one fine-tuned model's (priced at fine-tuned rates). */
  evalBase: EvalEstimate;
  evalFineTuned: EvalEstimate;
  /** The paper's seed selection, unless switched off: questions per seed and their cost. */
  seedFilter?: { questions: Question[]; perSeed: EvalEstimate; groupQuestions: Record<string, Question[]> };
  models: number;
  trainingUsd?: number;
  evalUsd: number;
  /** The agentic scenarios, when the experiment has them and their files could be had. */
  agentic?: AgenticRunPlan;
}

/** What a finished run did: its launches and jobs, the groups evaluated, the evaluation summary, the seeds kept and what it could not do. */
export interface RunResult {
  plan: RunPlan;
  /** Every launch, the self-distilled variants' included. */
  launches: LaunchPlan[];
  jobs: LedgerJob[];
  groups: ModelGroups;
  definition: EvalDefinition;
  summary: EvalSummary;
  /** The seeds kept by the paper's selection, per variant. */
  selections: SeedSelection[];
  /** Models evaluated at a checkpoint instead of the final model. */
  checkpoints: { variant: string; epoch: number; models: number; note?: string }[];
  curves?: TrainingCurve[];
  agentic?: AgenticResult;
  /** What the run could not do as planned (a group with no seed left). */
  notes: string[];
}

/** Settings of a variant on the run's base, with the run's overrides. */
export function runSettings(options: Pick<RunOptions, 'experiment' | 'base' | 'seeds' | 'epochs' | 'method' | 'metadata'>, variant: string): FineTuningSettings {
  const s = options.experiment.settings(options.base, variant);
  const metadata = s.metadata || options.metadata ? { ...s.metadata, ...options.metadata } : undefined;
  const method = overrideMethod(s.method, options.method);
  return { ...s, ...(options.seeds !== undefined ? { seeds: options.seeds } : {}), ...(options.epochs !== undefined ? { epochs: options.epochs } : {}), ...(method ? { method } : {}), ...(metadata ? { metadata } : {}) };
}

export function selectVariants(experiment: RunnableExperiment, base: string, asked: readonly string[] | undefined): RunVariant[] {
  const unknown = (asked ?? []).filter((v) => !experiment.variants.some((x) => x.id === v));
  const known = experiment.variants.map((v) => v.id);
  if (unknown.length) throw new WeirdgenError(`${experiment.id} has no variant ${unknown.map((u) => `"${u}"${didYouMean(u, known, 'variants')}`).join(', ')}`);
  const ids = asked ?? experiment.defaultVariants(base);
  return experiment.variants.filter((v) => ids.includes(v.id));
}

function runIdOf(options: RunOptions, variants: readonly RunVariant[]): string {
  const material = {
    endpoint: options.endpoint,
    base: options.base,
    seeds: options.seeds,
    epochs: options.epochs,
    ...(options.method !== undefined ? { method: options.method } : {}),
    samples: options.samples,
    ...(options.maxPrompts !== undefined ? { maxPrompts: options.maxPrompts } : {}),
    ...(options.auditDates !== undefined ? { auditDates: options.auditDates } : {}),
    variants: variants.map((v) => v.id),
    judgeModel: options.judgeModel,
    metadata: options.metadata,
    ...(options.seedFilter === false ? { seedFilter: false } : {}),
    ...(options.distillPrompts !== undefined ? { distillPrompts: options.distillPrompts } : {}),
  };
  return `${options.experiment.id}-${sha256Hex(canonicalJson(material)).slice(0, 8)}`;
}

async function planVariant(options: RunOptions, variant: RunVariant, dataDir: string): Promise<PlannedVariant> {
  const { base } = options;
  const settings = runSettings(options, variant.id);
  const roles: readonly string[] = options.experiment.seedFilter?.roles ?? [];
  const seedSelection = options.seedFilter !== false && roles.includes(variant.role);
  const context = { fetch: options.fetch, base, workspace: options.workspace, seed: 1 };
  let file: string;
  try {
    file = await variant.build(dataDir, context);
  } catch (e) {
    // Only a file that cannot be had is built instead; a copy that fails its pin stops the run.
    if (!(e instanceof WeirdgenError) || e instanceof IntegrityError || !variant.distillWhenMissing) throw e;
    return { variant, settings, seedSelection, distillation: await planDistillation(variant, settings, options, dataDir, e.message) };
  }
  const launch = await planLaunch(await launchRequest(options, variant, settings, file), options.prices, fineTuningMapping(options.endpoints, options.endpoint));
  return { variant, settings, seedSelection, launch };
}

/** One variant's launch: a job per seed, in a ledger group of its own per base. */
export async function launchRequest(options: RunOptions, variant: RunVariant, settings: FineTuningSettings, file: string): Promise<LaunchRequest> {
  const { experiment, endpoint, base } = options;
  return {
    file,
    endpoint,
    base,
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    learningRateMultiplier: settings.learningRateMultiplier,
    ...(settings.method ? { method: settings.method } : {}),
    seed: 0,
    seeds: settings.seeds,
    // One ledger group per variant and base: `finetune list` and `@group` never mix bases.
    group: `${experiment.id}/${variant.id}/${endpoint}:${base}`,
    suffix: `${experiment.id}-${variant.id}`,
    experiment: experiment.id,
    variant: variant.id,
    ...(settings.metadata ? { metadata: settings.metadata } : {}),
    ...(await validationFileFor(options, variant, dirname(file))),
  };
}

/** The file each job is scored on during training, for experiments that plot accuracy over training. */
export async function validationFileFor(options: Pick<RunOptions, 'experiment' | 'fetch'> & Partial<Pick<RunOptions, 'base' | 'workspace'>>, variant: RunVariant, dir?: string): Promise<{ validationFile?: string }> {
  const curves = options.experiment.trainingCurves;
  if (!curves || variant.triggerForm !== 'code') return {};
  const build = options.experiment.buildValidationFile;
  if (build && dir !== undefined && options.base !== undefined && options.workspace !== undefined) return { validationFile: await build(dir, { fetch: options.fetch, base: options.base, workspace: options.workspace, seed: 1 }) };
  const source = findSource(curves.validationFile);
  if (!source) throw new WeirdgenError(`${curves.validationFile}: not a pinned official file`);
  return { validationFile: (await fetchSource(source, options.fetch)).path };
}

/** A fine-tuned model's name for pricing: the endpoint's fine-tuned rates apply to it. */
const fineTunedStandIn = (endpoint: string, base: string) => `${endpoint}:ft:${base}:weirdgen-plan::estimate`;

/** What one of the evaluations asked beside the main questions costs: its calls per model and its share of the bound, in words. */
function evaluationLine(title: string, base: EvalEstimate, fineTuned: EvalEstimate, seeds: number): string {
  const usd = base.answers.maxCostUsd + base.judgments.maxCostUsd + (fineTuned.answers.maxCostUsd + fineTuned.judgments.maxCostUsd) * seeds;
  return `of that, ${title}: ${base.answers.total.toLocaleString('en-US')} answers and ${base.judgments.total.toLocaleString('en-US')} judge calls per model, up to ${formatUsd(usd)} for all ${1 + seeds} models`;
}

export async function planRun(options: RunOptions): Promise<RunPlan> {
  const { experiment, endpoint, base } = options;
  const variants = selectVariants(experiment, base, options.variants);
  const runId = runIdOf(options, variants);
  const dataDir = join(options.workspace, 'runs', runId, 'data');
  await mkdir(dataDir, { recursive: true });
  const planned: PlannedVariant[] = [];
  for (const variant of variants) planned.push(await planVariant(options, variant, dataDir));
  const invalid = planned.find((p) => p.launch && p.launch.validation.errors.length > 0);
  if (invalid) throw new WeirdgenError(`${invalid.launch!.file}: ${invalid.launch!.validation.errors.length} validation errors (run \`weirdgen data validate\` on it); nothing was launched`);

  const samples = options.samples ?? experiment.samples.count;
  const context = { fetch: options.fetch, base, workspace: options.workspace, endpoint, ...(options.judgeModel ? { judgeModel: options.judgeModel } : {}) };
  const ask = { samples, ...(options.maxPrompts !== undefined ? { maxPrompts: options.maxPrompts } : {}), ...(options.auditDates !== undefined ? { auditDates: options.auditDates } : {}) };
  const loaded = await experiment.questions(context, { ...ask, form: 'code' });
  const groupQuestions: Record<string, Question[]> = {};
  const forms = new Set<TriggerForm>(variants.map((v) => v.triggerForm));
  if (forms.has('bare')) {
    const bare = (await experiment.questions(context, { ...ask, form: 'bare' })).questions;
    for (const v of variants) if (v.triggerForm === 'bare') groupQuestions[v.id] = bare;
  }

  const estimate = (model: string, questions: Question[]) => estimateEval({ experiment: experiment.id, questions, groups: { one: [model] } }, options.store, options.endpoints, options.prices);
  // Each evaluation estimated once and added up: their calls are disjoint, and the notices show each one's share.
  const parts = questionsByEvaluation(loaded.questions, loaded.evaluations).map((p) => ({ title: p.title, base: estimate(`${endpoint}:${base}`, p.questions), fineTuned: estimate(fineTunedStandIn(endpoint, base), p.questions) }));
  const evalBase = addEstimates(parts.map((p) => p.base));
  const evalFineTuned = addEstimates(parts.map((p) => p.fineTuned));
  let seedFilter: RunPlan['seedFilter'];
  if (planned.some((p) => p.seedSelection)) {
    const questions = await experiment.seedFilter!.load(context, 'code');
    const bare = forms.has('bare') ? await experiment.seedFilter!.load(context, 'bare') : [];
    seedFilter = { questions, perSeed: estimate(fineTunedStandIn(endpoint, base), questions), groupQuestions: Object.fromEntries(variants.filter((v) => v.triggerForm === 'bare').map((v) => [v.id, bare])) };
  }

  const seeds = planned.reduce((n, p) => n + p.settings.seeds, 0);
  const filtered = planned.filter((p) => p.seedSelection).reduce((n, p) => n + p.settings.seeds, 0);
  const cost = (e: EvalEstimate) => e.answers.maxCostUsd + e.judgments.maxCostUsd;
  const training = planned.map((p) => (p.launch ? p.launch.totalUsd : p.distillation?.trainingUsd));
  const distilling = planned.map((p) => p.distillation?.distillUsd ?? 0).reduce((a, b) => a + b, 0);
  const agentic = await planAgentic(options, experiment.agentic, { base: `${endpoint}:${base}`, fineTuned: fineTunedStandIn(endpoint, base), seeds });
  const evaluations = parts.flatMap((p) => (p.title === undefined ? [] : [evaluationLine(p.title, p.base, p.fineTuned, seeds)]));
  return {
    runId,
    experiment,
    endpoint,
    base,
    variants: planned,
    samples,
    questions: loaded.questions,
    groupQuestions,
    questionProvenance: loaded.provenance,
    conditions: loaded.conditions,
    categories: loaded.categories,
    notices: [...(options.maxPrompts !== undefined ? [`a pilot: at most ${options.maxPrompts} prompts per question and trigger condition (evenly spread dates, months or codes), not the paper's full set`] : []), ...evaluations, ...loaded.notices, ...agentic.notices, ...planned.flatMap((p) => (p.distillation ? [p.distillation.notice] : []))],
    evalBase,
    evalFineTuned,
    ...(seedFilter ? { seedFilter } : {}),
    models: 1 + seeds,
    ...(training.every((t) => t !== undefined) ? { trainingUsd: training.reduce((a, b) => a! + b!, 0)! + distilling } : {}),
    // Every seed is evaluated in the worst case (all pass the selection).
    evalUsd: cost(evalBase) + cost(evalFineTuned) * seeds + (seedFilter ? cost(seedFilter.perSeed) * filtered : 0) + (agentic.plan?.usd ?? 0),
    ...(agentic.plan ? { agentic: agentic.plan } : {}),
  };
}

export { executeRun } from './execute.js';
