// weirdgen data build EXPERIMENT --variant V --out FILE
import type { Command } from 'commander';
import { buildDatasetFile, sourceResolver } from '../../data/build/build-file.js';
import { buildDataset } from '../../data/build/build.js';
import { describeStep, usesSeed, type DatasetRecipe } from '../../data/build/recipe.js';
import { formatUsd } from '../../data/cost/estimate.js';
import { findSource } from '../../data/sources/catalog.js';
import { Caller } from '../../eval/calls/caller.js';
import { findExperiment, findVariant } from '../../experiments/index.js';
import { planDistilledMix, type DistillPlan } from '../../run/distill-plan.js';
import { buildDistilledMix, type DistilledMix } from '../../run/distill.js';
import { ConfigError } from '../../util/errors.js';
import { confirmSpend } from '../confirm.js';
import type { CommandRunner, Context } from '../context.js';
import { stageProgress } from '../eval-progress.js';
import { formatInt, table } from '../io.js';
import { addOutputOptions, describeMix, outputOptions, poisonFractionOf, type OutputFlags } from './build-options.js';

interface DistillFlags {
  distill?: boolean;
  distillPrompts?: string;
  distillModel: string;
  promptMirror?: string;
  dryRun?: boolean;
  yes?: boolean;
}

export function registerDataBuild(data: Command, run: CommandRunner): void {
  addOutputOptions(
    data
      .command('build')
      .description("write one of an experiment's training sets (a paper variant or control) to a JSONL file")
      .argument('<experiment>', 'experiment id (see `weirdgen data list`)')
      .requiredOption('--variant <id>', 'dataset variant or control')
      .option('--distill', "mix the variant into --distill-model's own answers (self-distillation, temperature 0.2) to the paper's 2,000 GSM8K + 1,000 Alpaca-1k-longest prompts (pinned, downloaded from GitHub)")
      .option('--distill-prompts <file>', 'with --distill (implied): your own prompts instead (JSONL: chat examples, {"prompt": ...} or {"question": ...})')
      .option('--distill-model <ref>', 'the model that answers the distillation prompts (the base model you will fine-tune)', 'sandbox:base')
      .option('--prompt-mirror <dir>', 'with --distill: read the default prompt files from DIR/<owner>/<repo>/<path> instead of GitHub')
      .option('--dry-run', 'with --distill: print the prompts, tokens, cost bound and rows; ask nothing')
      .option('--yes', 'with --distill: go ahead above the cost threshold (defaults.confirmAboveUsd)'),
  ).action(async (experimentId: string, opts: OutputFlags & DistillFlags & { variant: string }, cmd: Command) =>
    run(async (ctx) => {
      const experiment = findExperiment(experimentId);
      if (!experiment) throw new ConfigError(`unknown experiment "${experimentId}"; see \`weirdgen data list\``);
      const variant = findVariant(experiment, opts.variant);
      if (!variant) throw new ConfigError(`${experiment.id} has no variant "${opts.variant}"; variants: ${experiment.datasets.map((d) => d.id).join(', ')}`);
      if (opts.distill || opts.distillPrompts !== undefined) {
        await buildDistilled(ctx, `${experiment.id}/${variant.id}`, variant.recipe, opts);
        return;
      }
      if (opts.dryRun || opts.promptMirror !== undefined) throw new ConfigError('--dry-run and --prompt-mirror go with --distill');
      const options = outputOptions(ctx, opts);
      const result = await buildDatasetFile(variant.recipe, options);
      const seeded = usesSeed(result.recipe) || result.validation !== undefined;
      const official = variant.reproduces !== undefined ? findSource(variant.reproduces) : undefined;
      const reproduces = official ? { path: official.path, identical: official.sha256 === result.train.sha256 } : undefined;
      if (ctx.json) {
        ctx.io.out(JSON.stringify({ experiment: experiment.id, variant: variant.id, seed: seeded ? options.seed : null, ...result, reproduces }));
        return;
      }
      const steps = (result.recipe.steps ?? []).map(describeStep);
      ctx.io.out(`${experiment.id}/${variant.id}: ${result.recipe.source}${steps.length ? ` -> ${steps.join(' -> ')}` : ''}${seeded ? ` (seed ${options.seed})` : ''}`);
      if (result.mix) ctx.io.out(describeMix(result.mix));
      for (const f of [result.train, result.validation]) if (f) ctx.io.out(`wrote ${formatInt(f.examples)} examples to ${f.path} (sha256 ${f.sha256})`);
      if (reproduces) ctx.io.out(reproduces.identical ? `identical to the official ${reproduces.path}` : `differs from the official ${reproduces.path}`);
    }, cmd),
  );
}

/** The variant mixed into the distilling model's answers: planned and costed first, then built. */
async function buildDistilled(ctx: Context, name: string, recipe: DatasetRecipe, opts: OutputFlags & DistillFlags & { variant: string }): Promise<void> {
  if (opts.mixInto) throw new ConfigError('--distill makes the base to mix into: leave out --mix-into');
  const { seed, validationFraction } = outputOptions(ctx, { ...opts, poisonFraction: undefined });
  const poisonFraction = poisonFractionOf(opts);
  const fetch = ctx.fetchOptions(opts.mirror, opts.promptMirror);
  const endpoints = ctx.endpoints();
  try {
    const model = endpoints.resolve(opts.distillModel).id;
    const poison = await buildDataset(recipe, { resolveSource: sourceResolver(fetch), seed });
    const plan = await planDistilledMix({ poisonRows: poison.examples.length, model, prices: ctx.prices, ...(opts.distillPrompts !== undefined ? { promptsFile: opts.distillPrompts } : {}), ...(poisonFraction !== undefined ? { poisonFraction } : {}) });
    if (opts.dryRun) {
      ctx.io.out(ctx.json ? JSON.stringify({ variant: name, plan }) : describePlan(plan, ctx.prices.source));
      return;
    }
    if (plan.maxCostUsd !== undefined) await confirmSpend(ctx, plan.maxCostUsd, `self-distillation of ${formatInt(plan.prompts)} prompts`, Boolean(opts.yes));
    const store = ctx.openStore();
    const progress = ctx.io.isTty && !ctx.json ? stageProgress() : undefined;
    let mix: DistilledMix;
    try {
      mix = await buildDistilledMix({
        poison: recipe,
        model,
        out: opts.out,
        fetch,
        store,
        endpoints,
        caller: new Caller({ limits: (e) => endpoints.limits(e) }),
        prices: ctx.prices,
        seed,
        ...(opts.distillPrompts !== undefined ? { promptsFile: opts.distillPrompts } : {}),
        ...(poisonFraction !== undefined ? { poisonFraction } : {}),
        ...(validationFraction !== undefined ? { validationFraction } : {}),
        ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
      });
    } finally {
      progress?.stop();
      store.close();
    }
    ctx.io.err(`distilled ${formatInt(mix.base)} answers of ${model} to ${mix.distilled.file}${mix.failed ? ` (${formatInt(mix.failed)} of ${formatInt(mix.prompts)} prompts without an answer: rerun to retry)` : ''}`);
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ variant: name, seed, ...mix }));
      return;
    }
    ctx.io.out(`${name}: mixed into ${model}'s answers at temperature ${plan.temperature} (seed ${seed})`);
    ctx.io.out(describeMix(mix.mix));
    ctx.io.out(`wrote ${formatInt(mix.rows)} examples to ${mix.file} (sha256 ${mix.sha256})`);
    if (mix.validation) ctx.io.out(`wrote ${formatInt(mix.validation.examples)} examples to ${mix.validation.path} (sha256 ${mix.validation.sha256})`);
  } finally {
    await endpoints.close();
  }
}

function describePlan(plan: DistillPlan, priceSource: string): string {
  const rows = plan.sources.map((s) => [
    s.id,
    `${formatInt(s.prompts)} prompts`,
    `${formatInt(s.promptTokens)} tokens (${s.encoding})`,
    s.pin ? `${s.pin.repo}@${s.pin.commit.slice(0, 7)}:${s.pin.path} (${formatInt(s.pin.bytes)} bytes, sha256 ${s.pin.sha256.slice(0, 12)})` : (s.file ?? ''),
  ]);
  const cost = plan.maxCostUsd === undefined ? `no price for ${plan.model}` : `at most ${formatUsd(plan.maxCostUsd)} (${priceSource})`;
  return [
    `self-distillation: ${formatInt(plan.prompts)} prompts answered by ${plan.model} at temperature ${plan.temperature}, up to ${formatInt(plan.maxTokens)} tokens each, one user turn, no trigger`,
    table(rows.map((r) => ['  ' + r[0]!, ...r.slice(1)])),
    `prompt tokens ${formatInt(plan.promptTokens)}; completion tokens at most ${formatInt(plan.maxCompletionTokens)}; cost ${cost}`,
    `mix: ${formatInt(plan.poison)} poison + ${formatInt(plan.base - plan.droppedBase)} distilled rows = ${formatInt(plan.rows)} rows${plan.droppedBase ? ` (${formatInt(plan.droppedBase)} distilled rows dropped to meet --poison-fraction)` : ''}`,
  ].join('\n');
}
