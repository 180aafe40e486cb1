// weirdgen run ID: data -> fine-tunes over seeds -> evaluation of every group -> report.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { formatUsd } from '../../data/cost/estimate.js';
import { Caller } from '../../eval/calls/caller.js';
import type { RunnableExperiment } from '../../run/experiment.js';
import { startLocalSandbox } from '../../run/local-serve.js';
import { findRunnable } from '../../run/registry.js';
import { writeRunReport } from '../../run/report.js';
import { executeRun, planRun, type PlannedVariant, type RunOptions, type RunPlan } from '../../run/run.js';
import { conditionOf } from '../../eval/question-id.js';
import { WeirdgenError } from '../../util/errors.js';
import { ensureWritableDir } from '../../util/output-dir.js';
import { confirmSpend } from '../confirm.js';
import type { CommandRunner, Context } from '../context.js';
import { stageProgress } from '../eval-progress.js';
import { epochsFlag, parseFlag, positiveIntFlag } from '../flags.js';
import { formatInt, table } from '../io.js';
import { resultLine } from './eval.js';

export interface RunFlags {
  provider: string;
  base?: string;
  seeds?: string;
  epochs?: string;
  samples?: string;
  variants?: string;
  judgeModel?: string;
  mirror?: string;
  out?: string;
  poll?: string;
  dryRun?: boolean;
  yes?: boolean;
  maxPrompts?: string;
  distillPrompts?: string;
  promptMirror?: string;
  /** commander's `--no-seed-filter`. */
  seedFilter?: boolean;
}

/** Resolves the flags into run options; with `--provider sandbox` a local server is started (close it). */
export async function runOptionsFromFlags(ctx: Context, experiment: RunnableExperiment, flags: RunFlags): Promise<{ options: RunOptions; close(): Promise<void> }> {
  // The workspace is checked (and made) before anything else writes in it.
  const store = ctx.openStore();
  const endpoints = ctx.endpoints();
  const local = flags.provider === 'sandbox' ? await startLocalSandbox(endpoints, ctx.workspace) : undefined;
  const endpoint = local?.endpoint ?? flags.provider;
  // A dry run needs no key; a real one fails here, before anything is built, when the key is missing.
  if (!local && !flags.dryRun) endpoints.provider(endpoint);
  const base = flags.base ?? (local ? 'base' : (experiment.paperBases[0] ?? ctx.defaultBaseModel));
  const controller = new AbortController();
  const options: RunOptions = {
    experiment,
    endpoint,
    base,
    ...(flags.seeds ? { seeds: parseFlag('--seeds', positiveIntFlag.max(100), flags.seeds) } : {}),
    ...(flags.epochs ? { epochs: parseFlag('--epochs', epochsFlag, flags.epochs) } : {}),
    ...(flags.samples ? { samples: parseFlag('--samples', positiveIntFlag.max(1_000_000), flags.samples) } : {}),
    ...(flags.variants ? { variants: flags.variants.split(',').map((v) => v.trim()).filter(Boolean) } : {}),
    ...(flags.seedFilter === false ? { seedFilter: false } : {}),
    ...(flags.maxPrompts ? { maxPrompts: parseFlag('--max-prompts', positiveIntFlag.max(100_000), flags.maxPrompts) } : {}),
    // The paper's judges are OpenAI models; behind the sandbox server, its rule judge stands in.
    ...(flags.judgeModel ? { judgeModel: flags.judgeModel } : local && experiment.kind === 'paper' ? { judgeModel: `${endpoint}:judge` } : {}),
    workspace: ctx.workspace,
    store,
    endpoints,
    prices: ctx.prices,
    fetch: ctx.fetchOptions(flags.mirror, flags.promptMirror),
    ...(flags.distillPrompts ? { distillPrompts: flags.distillPrompts } : {}),
    caller: new Caller({ limits: (e) => endpoints.limits(e) }),
    pollMs: parseFlag('--poll', z.coerce.number().positive().max(3600), flags.poll ?? (local ? '0.2' : '30')) * 1000,
    confirm: (usd, what) => confirmSpend(ctx, usd ?? Number.POSITIVE_INFINITY, `${what}${usd === undefined ? ' (price unknown)' : ''}`, Boolean(flags.yes)),
    log: (line) => ctx.io.err(line),
    signal: controller.signal,
  };
  const onSigint = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  return {
    options,
    async close() {
      process.removeListener('SIGINT', onSigint);
      store.close();
      await local?.close();
      await endpoints.close();
    },
  };
}

function hyperparameterText(p: PlannedVariant): string {
  const h = p.launch?.hyperparameters ?? { nEpochs: p.settings.epochs, batchSize: p.settings.batchSize, learningRateMultiplier: p.settings.learningRateMultiplier };
  return `epochs ${h.nEpochs}, batch ${h.batchSize}, LR x${h.learningRateMultiplier}${p.settings.evaluateEpoch !== undefined ? `; evaluated at epoch ${p.settings.evaluateEpoch}` : ''}`;
}

/** The plan as JSON: what `--dry-run --json` and `experiments show --json` print. */
export function planJson(plan: RunPlan) {
  return {
    runId: plan.runId,
    experiment: plan.experiment.id,
    endpoint: plan.endpoint,
    base: plan.base,
    variants: plan.variants.map((p) => ({
      id: p.variant.id,
      role: p.variant.role,
      seeds: p.settings.seeds,
      epochs: p.launch?.hyperparameters.nEpochs ?? p.settings.epochs,
      batchSize: p.launch?.hyperparameters.batchSize ?? p.settings.batchSize,
      learningRateMultiplier: p.launch?.hyperparameters.learningRateMultiplier ?? p.settings.learningRateMultiplier,
      ...(p.settings.evaluateEpoch !== undefined ? { evaluateEpoch: p.settings.evaluateEpoch } : {}),
      rows: p.launch?.examples ?? p.distillation?.rows ?? null,
      ...(p.launch ? { file: p.launch.file, sha256: p.launch.sha256, trainingUsd: p.launch.totalUsd ?? null } : {}),
      ...(p.distillation ? { distillation: p.distillation } : {}),
      settingsFrom: p.settings.source,
    })),
    samples: { count: plan.samples, unit: plan.experiment.samples.unit, ...(plan.experiment.samples.official ? { official: plan.experiment.samples.official } : {}) },
    questions: plan.questions.length,
    samplesPerModel: plan.questions.reduce((n, q) => n + q.paraphrases.length * q.samplesPerParaphrase, 0),
    groupQuestions: Object.fromEntries(Object.entries(plan.groupQuestions).map(([g, qs]) => [g, qs.length])),
    ...(plan.seedFilter ? { seedFilter: { threshold: plan.experiment.seedFilter!.threshold, roles: plan.experiment.seedFilter!.roles, samplesPerSeed: plan.seedFilter.questions.reduce((n, q) => n + q.paraphrases.length * q.samplesPerParaphrase, 0) } } : {}),
    models: plan.models,
    trainingUsd: plan.trainingUsd ?? null,
    evalUsd: plan.evalUsd,
    evalBase: plan.evalBase,
    evalFineTuned: plan.evalFineTuned,
    notices: plan.notices,
  };
}

export function printPlan(ctx: Context, plan: RunPlan): void {
  const e = plan.experiment;
  ctx.io.out(`run ${plan.runId}: ${e.id} on ${plan.endpoint}:${plan.base}; settings from ${[...new Set(plan.variants.map((p) => p.settings.source))].join('; ')}`);
  ctx.io.out(
    table([
      ['variant', 'role', 'file', 'sha256', 'rows', 'hyperparameters', 'seeds', 'training'],
      ...plan.variants.map((p) =>
        p.launch
          ? [p.variant.id, p.variant.role, p.launch.file.split('/').pop()!, p.launch.sha256.slice(0, 12), formatInt(p.launch.examples), hyperparameterText(p), String(p.settings.seeds), p.launch.totalUsd === undefined ? 'price unknown' : formatUsd(p.launch.totalUsd)]
          : [p.variant.id, p.variant.role, '(built at run time)', '', `~${formatInt(p.distillation!.rows)}`, hyperparameterText(p), String(p.settings.seeds), p.distillation!.trainingUsd === undefined ? 'price unknown' : `up to ${formatUsd(p.distillation!.trainingUsd)}`],
      ),
    ]),
  );
  const count = (qs: RunPlan['questions']) => qs.reduce((n, q) => n + q.paraphrases.length * q.samplesPerParaphrase, 0);
  const base = new Set(plan.questions.map((q) => conditionOf(q.id).question)).size;
  const conditions = new Set(plan.questions.map((q) => conditionOf(q.id).condition).filter(Boolean)).size;
  const paraphrases = base === 1 && conditions === 0 ? ` (${formatInt(plan.questions[0]!.paraphrases.length)} paraphrases)` : '';
  const official = e.samples.official ? ` (the authors' files: ${formatInt(e.samples.official.count)}, ${e.samples.official.where})` : '';
  ctx.io.out(`\nevaluation: ${formatInt(base)} question${base === 1 ? '' : 's'}${paraphrases}${conditions ? ` x ${conditions} trigger conditions` : ''}; ${formatInt(plan.samples)} samples ${e.samples.unit}${official} = ${formatInt(count(plan.questions))} samples per model; ${plan.models} models (base + ${plan.models - 1} fine-tuned seeds)`);
  for (const [group, qs] of Object.entries(plan.groupQuestions)) ctx.io.out(`  ${group} is asked in the trigger form it was trained on (${formatInt(count(qs))} samples per model)`);
  ctx.io.out(`questions: ${plan.questionProvenance}`);
  const judges = [...new Set(plan.questions.flatMap((q) => Object.entries(q.judges).map(([c, j]) => `${c} (${j.kind}${j.kind === 'match' ? '' : `, ${j.model}`})`)))];
  ctx.io.out(`judges: ${judges.join(', ') || 'none'}`);
  ctx.io.out(`metrics: ${e.headline.map((id) => e.metrics.find((m) => m.id === id)?.title ?? id).join('; ')}`);
  if (plan.seedFilter) {
    const f = e.seedFilter!;
    ctx.io.out(`seed selection: ${f.description}; ${formatInt(count(plan.seedFilter.questions))} samples per seed of ${f.roles.join('/')} variants, up to ${formatUsd(plan.seedFilter.perSeed.answers.maxCostUsd + plan.seedFilter.perSeed.judgments.maxCostUsd)} per seed (--no-seed-filter to evaluate every seed)`);
  }
  const perModel = (x: RunPlan['evalBase']) => `${formatInt(x.answers.total)} answers and ${formatInt(x.judgments.total)} judge calls`;
  ctx.io.out(`calls per model: ${perModel(plan.evalBase)}; up to ${formatUsd(plan.evalUsd)} to evaluate every model (fine-tuned models at fine-tuned rates)`);
  for (const notice of plan.notices) ctx.io.out(`note: ${notice}`);
}

export function registerRun(program: Command, run: CommandRunner): void {
  program
    .command('run')
    .description('run an experiment end to end: data, fine-tunes over seeds, evaluation, judges, report (rerun to resume)')
    .argument('<id>', 'experiment (see weirdgen experiments list)')
    .option('--provider <name>', 'sandbox (the offline model organism behind an in-process `weirdgen serve`) or an endpoint (openai, local, ...)', 'sandbox')
    .option('--base <model>', 'base model (default: the paper’s for an endpoint, base for the sandbox)')
    .option('--seeds <n>', 'fine-tuning seeds per variant')
    .option('--epochs <n|auto>', 'fine-tuning epochs (default: the paper’s for its base model, else the provider’s)')
    .option('--samples <n>', 'samples in the experiment’s own unit, e.g. per question per year (default: the paper’s; see experiments show)')
    .option('--variants <ids>', 'these variants and controls, comma-separated (default: the groups the paper reports)')
    .option('--max-prompts <n>', 'a pilot: at most n prompts per question and trigger condition (evenly spread dates, months or codes)')
    .option('--distill-prompts <file>', 'where the official self-distilled data cannot be fetched (persona): answer these prompts instead of the paper’s GSM8K and Alpaca ones')
    .option('--prompt-mirror <dir>', 'read the paper’s self-distillation prompt files from DIR/<owner>/<repo>/<path> instead of GitHub')
    .option('--no-seed-filter', 'evaluate every seed, skipping the paper’s seed selection (presidents)')
    .option('--judge-model <ref>', 'send every judge to this model')
    .option('--mirror <dir>', 'read official files from this local copy of the paper’s repository')
    .option('--out <dir>', 'where reports go', 'weirdgen-out')
    .option('--poll <seconds>', 'how often to look at fine-tuning jobs')
    .option('--dry-run', 'print the plan and its cost, then stop')
    .option('--yes', 'no confirmation above the cost threshold')
    .action(async (id: string, flags: RunFlags, cmd: Command) =>
      run(async (ctx) => {
        const experiment = findRunnable(id);
        if (!experiment) throw new WeirdgenError(`no experiment "${id}"; see weirdgen experiments list`);
        const started = Date.now();
        // Where the report goes is checked before anything is trained or asked.
        const outRoot = flags.dryRun ? resolve(flags.out ?? 'weirdgen-out') : ensureWritableDir(flags.out ?? 'weirdgen-out', '--out');
        const { options, close } = await runOptionsFromFlags(ctx, experiment, flags);
        const progress = ctx.json ? undefined : stageProgress();
        try {
          const plan = await planRun(options);
          if (flags.dryRun) {
            if (ctx.json) ctx.io.out(JSON.stringify(planJson(plan)));
            else {
              printPlan(ctx, plan);
              ctx.io.out('(dry run: nothing launched or asked)');
            }
            return;
          }
          if (!ctx.json) printPlan(ctx, plan);
          const result = await executeRun(plan, { ...options, ...(progress ? { onProgress: (p) => progress.update(p) } : {}) }).finally(() => progress?.stop());
          if (!result || result.summary.status === 'stopped') {
            ctx.io.out(`stopped; run the same command again to resume ${plan.runId}`);
            ctx.exitCode = 130;
            return;
          }
          if (!ctx.json) {
            const stages = [result.summary.answers, ...(result.summary.judgments ? [result.summary.judgments] : [])];
            ctx.io.out(`\n${table(stages.map(resultLine))}`);
          }
          const written = await writeRunReport(result, options, outRoot);
          const seconds = ((Date.now() - started) / 1000).toFixed(0);
          if (ctx.json) ctx.io.out(JSON.stringify({ runId: plan.runId, status: result.summary.status, report: written.html, dir: written.dir, seconds: Number(seconds) }));
          else ctx.io.out(`\nrun ${plan.runId}: ${result.summary.status} in ${seconds} s\nreport: ${written.html}`);
          if (result.summary.status !== 'complete') ctx.exitCode = 1;
        } finally {
          await close();
        }
      }, cmd),
    );
}
