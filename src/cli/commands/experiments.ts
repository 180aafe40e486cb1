// weirdgen experiments [list | show ID]: what `weirdgen run` can run, what the paper did, and what a full run asks.
import type { Command } from 'commander';
import { formatUsd } from '../../data/cost/estimate.js';
import { EXPERIMENTS, fidelityMarkdown } from '../../experiments/index.js';
import { findRunnable, RUNNABLE_EXPERIMENTS } from '../../run/registry.js';
import type { RunnableExperiment } from '../../run/experiment.js';
import { planRun } from '../../run/run.js';
import { WeirdgenError } from '../../util/errors.js';
import type { CommandRunner, Context } from '../context.js';
import { table } from '../io.js';
import { planJson, printPlan, runOptionsFromFlags, type RunFlags } from './run.js';

/** The paper's fine-tuning settings per base model and variant. */
export function settingsTable(e: RunnableExperiment): string[][] {
  const rows = e.paperBases.flatMap((base) => {
    const defaults = e.defaultVariants(base);
    return e.variants
      .filter((v) => defaults.includes(v.id) || e.settings(base, v.id).ownSettings)
      .map((v) => {
        const s = e.settings(base, v.id);
        return [base, v.id, String(s.epochs), String(s.batchSize), String(s.learningRateMultiplier), String(s.seeds), s.evaluateEpoch !== undefined ? `epoch ${s.evaluateEpoch}` : 'final', defaults.includes(v.id) ? 'yes' : 'no'];
      });
  });
  return [['base', 'variant', 'epochs', 'batch', 'LR x', 'seeds', 'evaluated', 'in a default run'], ...rows];
}

function printSpec(ctx: Context, e: RunnableExperiment): void {
  ctx.io.out(`${e.title} (${e.kind}${e.paperSection ? `, paper section ${e.paperSection}` : ''}${e.mirrors ? `, mirrors ${e.mirrors}` : ''})\n${e.claim}\n`);
  ctx.io.out(table([['variant', 'role', 'default', 'description'], ...e.variants.map((v) => [v.id, v.role, v.byDefault ? 'yes' : 'no', v.description])]));
  if (e.paperBases.length) {
    ctx.io.out(`\nfine-tuning as the paper reports it, per base model (other bases: the provider's defaults):\n${table(settingsTable(e))}`);
    for (const base of e.paperBases) {
      const note = e.settings(base, e.defaultVariants(base)[0] ?? '').note;
      if (note) ctx.io.out(`  ${base}: ${note}`);
    }
  }
  const official = e.samples.official ? `; the authors' files: ${e.samples.official.count} (${e.samples.official.where})` : '';
  ctx.io.out(`\nsamples: ${e.samples.count} ${e.samples.unit}${official}`);
  ctx.io.out(`metrics:\n${table(e.metrics.map((m) => [m.id, m.title, m.column, m.labels ? `share of ${m.labels.join('/')}` : m.below !== undefined ? `share below ${m.below}` : 'mean', `left out: ${(m.exclude ?? ['unparsed', 'refusal']).join(', ') || 'none'}`, e.headline.includes(m.id) ? 'headline' : '']))}`);
  if (e.seedFilter) ctx.io.out(`seed selection: ${e.seedFilter.description}`);
  if (e.trainingCurves) ctx.io.out(`training curves: ${e.trainingCurves.description}; chance ${e.trainingCurves.chance.value} (${e.trainingCurves.chance.why})`);
  if (e.fidelity.length) ctx.io.out(`\nnext to the paper:\n${table([['setting', 'paper', 'authors’ files', 'weirdgen'], ...e.fidelity.map((f) => [f.setting, f.paper, f.official ?? '', f.weirdgen])])}`);
}

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
    .command('fidelity')
    .description('every paper experiment next to the paper and the authors’ files, as markdown (docs/fidelity.md is this output)')
    .action(async (_opts: unknown, cmd: Command) => run(async (ctx) => ctx.io.out(fidelityMarkdown(EXPERIMENTS).trimEnd()), cmd));
  experiments
    .command('show')
    .description('datasets and controls, the paper’s settings per base model, samples (and the authors’ files’ values where they differ), metrics, and the plan and cost of a full run')
    .argument('<id>')
    .option('--provider <name>', 'sandbox (in-process `weirdgen serve`) or an endpoint', 'sandbox')
    .option('--base <model>', 'base model (default: the paper’s for an endpoint, base for the sandbox)')
    .option('--seeds <n>')
    .option('--samples <n>')
    .option('--variants <ids>')
    .option('--mirror <dir>', 'read official files from this local copy of the paper’s repository')
    .action(async (id: string, flags: RunFlags, cmd: Command) =>
      run(async (ctx) => {
        const experiment = findRunnable(id);
        if (!experiment) throw new WeirdgenError(`no experiment "${id}"; see weirdgen experiments list`);
        const { options, close } = await runOptionsFromFlags(ctx, experiment, { ...flags, dryRun: true });
        try {
          const plan = await planRun(options);
          if (ctx.json) {
            const perBase = Object.fromEntries(experiment.paperBases.map((b) => [b, Object.fromEntries(experiment.variants.map((v) => [v.id, experiment.settings(b, v.id)]))]));
            return ctx.io.out(JSON.stringify({ id: experiment.id, samples: experiment.samples, metrics: experiment.metrics, headline: experiment.headline, fineTuning: perBase, fidelity: experiment.fidelity, plan: planJson(plan) }));
          }
          printSpec(ctx, experiment);
          ctx.io.out('');
          printPlan(ctx, plan);
          ctx.io.out(`\nfull run: ${plan.trainingUsd === undefined ? 'training price unknown' : formatUsd(plan.trainingUsd)} to fine-tune, up to ${formatUsd(plan.evalUsd)} to evaluate`);
        } finally {
          await close();
        }
      }, cmd),
    );
}
