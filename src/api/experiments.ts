// Experiments from code: list them, plan a run, and run one end to end (the same as `weirdgen run`).
import type { TrainingMethod } from '../config/index.js';
import { Caller, type StageProgress } from '../eval/index.js';
import { fineTuningTarget } from '../finetune/index.js';
import { checkModelRefs, SANDBOX_ENDPOINT, SERVED_ENDPOINT, type Endpoints } from '../providers/index.js';
import { executeRun, findRunnable, planRun, RUNNABLE_EXPERIMENTS, writeRunReport, type RunnableExperiment, type RunOptions, type RunPlan, type RunResult } from '../run/index.js';
import { didYouMean } from '../util/did-you-mean.js';
import { WeirdgenError } from '../util/errors.js';
import { ensureWritableDir } from '../util/output-dir.js';
import { withWorkspace, type Workspace, type WorkspaceOptions } from './workspace.js';

/** What `weirdgen run` takes as flags: every field is optional. */
export interface ExperimentSettings {
  /** Where fine-tuning and evaluation happen (default: the config's default endpoint; `sandbox` runs on the workspace's own server). */
  endpoint?: string;
  /** The base model (default: the experiment's first paper base, or the sandbox's `base`). */
  base?: string;
  /** Seeds per variant (default: the paper's). */
  seeds?: number;
  /** Epochs for every variant (default: the paper's). */
  epochs?: number | 'auto';
  /** The training method, over the paper's field by field: LoRA rank and alpha, an absolute learning rate (services that fine-tune open models). */
  method?: TrainingMethod;
  /** Samples in the experiment's own unit (default: the paper's). */
  samples?: number;
  /** Variant ids to train (default: the groups the paper reports). */
  variants?: readonly string[];
  /** One model for every judge. */
  judgeModel?: string;
  /** A pilot: at most this many prompts per question and trigger condition. */
  maxPrompts?: number;
  /** Prompts to self-distil when a variant's official file cannot be had. */
  distillPrompts?: string;
  /** false: evaluate every seed, skipping the paper's seed selection. */
  seedFilter?: boolean;
  /** Agentic scenarios: a local checkout of the agentic-misalignment framework instead of its pinned files. */
  templates?: string;
  /** Agentic scenarios: samples per condition per model (default: the paper's). */
  agenticSamples?: number;
  /** Counterfactual audit (dishes, App. D.4): random dates a year (default: the spec's 10; the paper's scale is 100). */
  auditDates?: number;
  /** Seconds between looks at fine-tuning jobs (default: 0.2 on the sandbox, 30 elsewhere). */
  pollSeconds?: number;
}

/** Callbacks of a run; all optional. */
export interface ExperimentHooks {
  /** Asked once with the cost bound (undefined: unknown price) before anything is paid for; throw to stop. Default: go ahead. */
  confirm?: (usd: number | undefined, what: string) => Promise<void>;
  /** Lines about launches, jobs and stages. */
  log?: (line: string) => void;
  signal?: AbortSignal;
  onProgress?: (progress: StageProgress) => void;
}

/** The runnable experiments: the paper's six and their sandbox analogues. */
export function listExperiments(): readonly RunnableExperiment[] {
  return RUNNABLE_EXPERIMENTS;
}

/** The runnable experiment `id`, or an error naming the closest ids. */
export function getExperiment(id: string): RunnableExperiment {
  const experiment = findRunnable(id);
  if (!experiment) throw new WeirdgenError(`no experiment "${id}"${didYouMean(id, RUNNABLE_EXPERIMENTS.map((e) => e.id))} (see weirdgen experiments list)`);
  return experiment;
}

const DEFAULT_POLL_SECONDS = { local: 0.2, remote: 30 };

/** Where a run fine-tunes and evaluates: `local` when on the workspace's own sandbox server. */
export interface RunTarget {
  endpoint: string;
  base: string;
  local: boolean;
}

/**
 * The endpoint and base a run fine-tunes, checked before anything else (the base model offline on
 * the sandbox, the endpoint's name elsewhere, and its key unless `dryRun`), and the judge model.
 */
export async function checkRunTarget(endpoints: Endpoints, experiment: RunnableExperiment, settings: ExperimentSettings, defaultBaseModel: string, dryRun = false): Promise<RunTarget> {
  const target = settings.base !== undefined ? fineTuningTarget(settings.base, settings.endpoint, endpoints) : { endpoint: settings.endpoint ?? endpoints.defaultEndpoint, model: undefined };
  const local = target.endpoint === SANDBOX_ENDPOINT || target.endpoint === SERVED_ENDPOINT;
  const base = target.model ?? (local ? 'base' : (experiment.paperBases[0] ?? defaultBaseModel));
  if (local) await checkModelRefs([settings.base !== undefined && settings.endpoint === undefined ? settings.base : `${SANDBOX_ENDPOINT}:${base}`], endpoints);
  // A dry run needs no key; a real one fails here, before anything is built, when the key is missing.
  else if (dryRun) endpoints.capabilities(target.endpoint);
  else endpoints.provider(target.endpoint);
  if (settings.judgeModel !== undefined) await checkModelRefs([settings.judgeModel], endpoints);
  return { endpoint: local ? SERVED_ENDPOINT : target.endpoint, base, local };
}

/**
 * The run library's options for `settings` in an open workspace: the target checked (endpoint,
 * base, judge model, and the key of a remote endpoint unless `dryRun`), the paper's defaults filled.
 */
export async function resolveRunOptions(
  ws: Pick<Workspace, 'dir' | 'endpoints' | 'store' | 'prices' | 'fetch' | 'defaultBaseModel'>,
  experiment: RunnableExperiment,
  settings: ExperimentSettings,
  hooks: ExperimentHooks & { dryRun?: boolean } = {},
  /** Already checked with {@link checkRunTarget}; checked here otherwise. */
  target?: RunTarget,
): Promise<RunOptions> {
  const { endpoints } = ws;
  const { endpoint, base, local } = target ?? (await checkRunTarget(endpoints, experiment, settings, ws.defaultBaseModel, hooks.dryRun));
  return {
    experiment,
    endpoint,
    base,
    ...(settings.seeds !== undefined ? { seeds: settings.seeds } : {}),
    ...(settings.epochs !== undefined ? { epochs: settings.epochs } : {}),
    ...(settings.method !== undefined ? { method: settings.method } : {}),
    ...(settings.samples !== undefined ? { samples: settings.samples } : {}),
    ...(settings.variants?.length ? { variants: settings.variants } : {}),
    ...(settings.seedFilter === false ? { seedFilter: false } : {}),
    ...(settings.maxPrompts !== undefined ? { maxPrompts: settings.maxPrompts } : {}),
    ...(settings.auditDates !== undefined ? { auditDates: settings.auditDates } : {}),
    // The paper's judges are OpenAI models; behind the sandbox server, its rule judge stands in.
    ...(settings.judgeModel ? { judgeModel: settings.judgeModel } : local && experiment.kind === 'paper' ? { judgeModel: `${endpoint}:judge` } : {}),
    ...(settings.distillPrompts ? { distillPrompts: settings.distillPrompts } : {}),
    ...(settings.templates !== undefined ? { templates: settings.templates } : {}),
    ...(settings.agenticSamples !== undefined ? { agenticSamples: settings.agenticSamples } : {}),
    workspace: ws.dir,
    store: ws.store,
    endpoints,
    prices: ws.prices,
    fetch: ws.fetch,
    caller: new Caller({ limits: (e) => endpoints.limits(e) }),
    pollMs: (settings.pollSeconds ?? DEFAULT_POLL_SECONDS[local ? 'local' : 'remote']) * 1000,
    confirm: hooks.confirm ?? (async () => {}),
    log: hooks.log ?? (() => {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
  };
}

/** What a full run would train, ask and cost; nothing is launched or asked. */
export async function planExperiment(id: string, settings: ExperimentSettings = {}, workspace?: Workspace | WorkspaceOptions): Promise<RunPlan> {
  const experiment = getExperiment(id);
  return withWorkspace(workspace, async (ws) => planRun(await resolveRunOptions(ws, experiment, settings, { dryRun: true })));
}

/** A finished run and where its report went; `result` is undefined when the run was stopped before its evaluation. */
export interface ExperimentRun {
  plan: RunPlan;
  result?: RunResult;
  /** report.html and its folder (with figures and results.csv/jsonl), once the evaluation has run. */
  report?: { dir: string; html: string };
}

/**
 * Runs an experiment end to end, as `weirdgen run` does: data, fine-tunes over seeds (found in the
 * ledger when they exist), evaluation of the base and every group, judges, the report under `out`.
 *
 * @example
 * const run = await runExperiment('sandbox-birds', { seeds: 2, samples: 10 }, { out: 'weirdgen-out' });
 * console.log(run.result?.summary.status, run.report?.html);
 */
export async function runExperiment(id: string, settings: ExperimentSettings = {}, options: ExperimentHooks & { workspace?: Workspace | WorkspaceOptions; out?: string } = {}): Promise<ExperimentRun> {
  const experiment = getExperiment(id);
  const outRoot = ensureWritableDir(options.out ?? 'weirdgen-out', 'out');
  return withWorkspace(options.workspace, async (ws) => {
    const runOptions = await resolveRunOptions(ws, experiment, settings, options);
    const plan = await planRun(runOptions);
    const result = await executeRun(plan, runOptions);
    if (!result || result.summary.status === 'stopped') return { plan, ...(result ? { result } : {}) };
    return { plan, result, report: await writeRunReport(result, runOptions, outRoot) };
  });
}
