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
import { executeRun, planRun, type RunOptions, type RunPlan } from '../../run/run.js';
import { WeirdgenError } from '../../util/errors.js';
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
}

/** Resolves the flags into run options; with `--provider sandbox` a local server is started (close it). */
export async function runOptionsFromFlags(ctx: Context, experiment: RunnableExperiment, flags: RunFlags): Promise<{ options: RunOptions; close(): Promise<void> }> {
  const endpoints = ctx.endpoints();
  const local = flags.provider === 'sandbox' ? await startLocalSandbox(endpoints, ctx.workspace) : undefined;
  const endpoint = local?.endpoint ?? flags.provider;
  // A dry run needs no key; a real one fails here, before anything is built, when the key is missing.
  if (!local && !flags.dryRun) endpoints.provider(endpoint);
  const paperBase = Object.keys(experiment.fineTuning).find((b) => b !== '*');
  const base = flags.base ?? (local ? 'base' : (paperBase ?? ctx.defaultBaseModel));
  const store = ctx.openStore();
  const controller = new AbortController();
  const options: RunOptions = {
    experiment,
    endpoint,
    base,
    ...(flags.seeds ? { seeds: parseFlag('--seeds', positiveIntFlag.max(100), flags.seeds) } : {}),
    ...(flags.epochs ? { epochs: parseFlag('--epochs', epochsFlag, flags.epochs) } : {}),
    ...(flags.samples ? { samples: parseFlag('--samples', positiveIntFlag.max(1_000_000), flags.samples) } : {}),
    ...(flags.variants ? { variants: flags.variants.split(',').map((v) => v.trim()).filter(Boolean) } : {}),
    // The paper's judges are OpenAI models; behind the sandbox server, its rule judge stands in.
    ...(flags.judgeModel ? { judgeModel: flags.judgeModel } : local && experiment.kind === 'paper' ? { judgeModel: `${endpoint}:judge` } : {}),
    workspace: ctx.workspace,
    store,
    endpoints,
    prices: ctx.prices,
    fetch: ctx.fetchOptions(flags.mirror),
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

export function printPlan(ctx: Context, plan: RunPlan): void {
  ctx.io.out(`run ${plan.runId}: ${plan.experiment.id} on ${plan.endpoint}:${plan.base}, ${plan.seeds} seeds per variant`);
  ctx.io.out(
    table([
      ['variant', 'file', 'sha256', 'examples', 'hyperparameters', 'jobs', 'training'],
      ...plan.launches.map((l) => [
        l.variant ?? '',
        l.file.split('/').pop()!,
        l.sha256.slice(0, 12),
        formatInt(l.examples),
        `epochs ${l.hyperparameters.nEpochs}, batch ${l.hyperparameters.batchSize}, LR x${l.hyperparameters.learningRateMultiplier}`,
        String(l.jobs.length),
        l.totalUsd === undefined ? 'price unknown' : formatUsd(l.totalUsd),
      ]),
    ]),
  );
  const samples = plan.questions.reduce((n, q) => n + q.paraphrases.length * (plan.samples ?? q.samplesPerParaphrase), 0);
  const paraphrases = plan.questions.reduce((n, q) => n + q.paraphrases.length, 0);
  const judges = [...new Set(plan.questions.flatMap((q) => Object.entries(q.judges).map(([c, j]) => `${c} (${j.kind}${j.kind === 'match' ? '' : `, ${j.model}`})`)))];
  const perParaphrase = [...new Set(plan.questions.map((q) => plan.samples ?? q.samplesPerParaphrase))].join('/');
  ctx.io.out(`\nevaluation: ${formatInt(plan.questions.length)} questions (with their trigger conditions), ${formatInt(paraphrases)} prompts x ${perParaphrase} samples = ${formatInt(samples)} samples per model, ${plan.models} models (base + ${plan.models - 1} fine-tuned)`);
  ctx.io.out(`judges: ${judges.join(', ') || 'none'}`);
  ctx.io.out(`calls per model: ${formatInt(plan.evalPerModel.answers.total)} answers, ${formatInt(plan.evalPerModel.judgments.total)} judge calls; up to ${formatUsd(plan.evalUsd)} for all models`);
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
    .option('--samples <n>', 'samples per paraphrase (default: the paper’s)')
    .option('--variants <ids>', 'only these variants, comma-separated')
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
        const { options, close } = await runOptionsFromFlags(ctx, experiment, flags);
        const progress = ctx.json ? undefined : stageProgress();
        try {
          const plan = await planRun(options);
          if (flags.dryRun) {
            if (ctx.json) ctx.io.out(JSON.stringify({ runId: plan.runId, models: plan.models, trainingUsd: plan.trainingUsd ?? null, evalUsd: plan.evalUsd, questions: plan.questions.length, evalPerModel: plan.evalPerModel }));
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
          const written = await writeRunReport(result, options, resolve(flags.out ?? 'weirdgen-out'));
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
