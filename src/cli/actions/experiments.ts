// weirdgen experiments list | fidelity | show ID: what `weirdgen run` can run, what the paper did, and what a full run asks.
import { formatUsd } from '../../data/index.js';
import { EXPERIMENTS, fidelityMarkdown } from '../../experiments/index.js';
import { planRun, RUNNABLE_EXPERIMENTS, type RunnableExperiment } from '../../run/index.js';
import type { Context } from '../context.js';
import { table } from '../io.js';
import { planJson, printPlan } from '../print/run-plan.js';
import { getExperiment } from '../../index.js';
import { withRunOptions, type RunFlags } from '../run-options.js';

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

export async function experimentsList(ctx: Context): Promise<void> {
  const rows = RUNNABLE_EXPERIMENTS.map((e) => ({ id: e.id, kind: e.kind, title: e.title, section: e.paperSection ?? (e.mirrors ? `mirrors ${e.mirrors}` : ''), variants: e.variants.map((v) => v.id) }));
  if (ctx.json) return ctx.io.out(JSON.stringify(rows));
  ctx.io.out(table([['id', 'kind', 'paper', 'title', 'variants'], ...rows.map((r) => [r.id, r.kind, r.section, r.title, r.variants.join(', ')])]));
}

export async function experimentsFidelity(ctx: Context): Promise<void> {
  ctx.io.out(fidelityMarkdown(EXPERIMENTS).trimEnd());
}

export async function experimentsShow(ctx: Context, id: string, flags: RunFlags): Promise<void> {
  const experiment = getExperiment(id);
  await withRunOptions(ctx, experiment, { ...flags, dryRun: true }, async (options) => {
    const plan = await planRun(options);
    if (ctx.json) {
      const perBase = Object.fromEntries(experiment.paperBases.map((b) => [b, Object.fromEntries(experiment.variants.map((v) => [v.id, experiment.settings(b, v.id)]))]));
      return ctx.io.out(JSON.stringify({ id: experiment.id, samples: experiment.samples, metrics: experiment.metrics, headline: experiment.headline, fineTuning: perBase, fidelity: experiment.fidelity, plan: planJson(plan) }));
    }
    printSpec(ctx, experiment);
    ctx.io.out('');
    printPlan(ctx, plan);
    ctx.io.out(`\nfull run: ${plan.trainingUsd === undefined ? 'training price unknown' : formatUsd(plan.trainingUsd)} to fine-tune, up to ${formatUsd(plan.evalUsd)} to evaluate`);
  });
}
