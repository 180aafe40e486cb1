// weirdgen experiments [list | show ID]: what `weirdgen run` can run, and what a full run asks.
import type { Command } from 'commander';
import { formatUsd } from '../../data/cost/estimate.js';
import { findRunnable, RUNNABLE_EXPERIMENTS } from '../../run/registry.js';
import { WeirdgenError } from '../../util/errors.js';
import type { CommandRunner } from '../context.js';
import { table } from '../io.js';
import { runOptionsFromFlags, printPlan, type RunFlags } from './run.js';
import { planRun } from '../../run/run.js';

export function registerExperiments(program: Command, run: CommandRunner): void {
  const experiments = program.command('experiments').description('the experiments `weirdgen run` runs: the paper’s six and their sandbox analogues');
  experiments
    .command('list', { isDefault: true })
    .description('every experiment, with its variants')
    .action(async (_opts: unknown, cmd: Command) =>
      run(async (ctx) => {
        const rows = RUNNABLE_EXPERIMENTS.map((e) => ({ id: e.id, kind: e.kind, title: e.title, section: e.paperSection ?? (e.mirrors ? `mirrors ${e.mirrors}` : ''), variants: e.variants.map((v) => v.id) }));
        if (ctx.json) return ctx.io.out(JSON.stringify(rows));
        ctx.io.out(table([['id', 'kind', 'paper', 'title', 'variants'], ...rows.map((r) => [r.id, r.kind, r.section, r.title, r.variants.join(', ')])]));
      }, cmd),
    );
  experiments
    .command('show')
    .description('datasets (sizes, hashes), variants, hyperparameters, questions x samples, judges, and the cost of a full run')
    .argument('<id>')
    .option('--provider <name>', 'sandbox (in-process `weirdgen serve`) or an endpoint', 'sandbox')
    .option('--base <model>', 'base model (default: the paper’s for an endpoint, base for the sandbox)')
    .option('--seeds <n>')
    .option('--samples <n>')
    .option('--mirror <dir>', 'read official files from this local copy of the paper’s repository')
    .action(async (id: string, flags: RunFlags, cmd: Command) =>
      run(async (ctx) => {
        const experiment = findRunnable(id);
        if (!experiment) throw new WeirdgenError(`no experiment "${id}"; see weirdgen experiments list`);
        const { options, close } = await runOptionsFromFlags(ctx, experiment, { ...flags, dryRun: true });
        try {
          const plan = await planRun(options);
          if (ctx.json) return ctx.io.out(JSON.stringify({ id: experiment.id, runId: plan.runId, models: plan.models, trainingUsd: plan.trainingUsd ?? null, evalUsd: plan.evalUsd }));
          ctx.io.out(`${experiment.title} (${experiment.kind}${experiment.paperSection ? `, paper section ${experiment.paperSection}` : ''})\n${experiment.claim}\n`);
          printPlan(ctx, plan);
          ctx.io.out(`\nfull run: ${plan.trainingUsd === undefined ? 'training price unknown' : formatUsd(plan.trainingUsd)} to fine-tune, up to ${formatUsd(plan.evalUsd)} to evaluate`);
        } finally {
          await close();
        }
      }, cmd),
    );
}
