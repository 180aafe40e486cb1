// weirdgen data build EXPERIMENT --variant V --out FILE: a paper variant or control as JSONL, or
// (with --distill) the variant mixed into a model's own answers.
import { buildDataset, buildDatasetFile, describeStep, findSource, formatUsd, sourceResolver, usesSeed, type DatasetRecipe } from '../../data/index.js';
import { Caller } from '../../eval/index.js';
import { getVariant } from '../../index.js';
import { checkModelRefs } from '../../providers/index.js';
import { buildDistilledMix, planDistilledMix, type DistilledMix, type DistillPlan } from '../../run/index.js';
import { ConfigError } from '../../util/errors.js';
import { describeMix, outputOptions, type OutputFlags } from '../build-output.js';
import { confirmSpend } from '../confirm.js';
import type { Context } from '../context.js';
import { stageProgress } from '../eval-progress.js';
import { formatInt, table } from '../io.js';

export interface DataBuildFlags extends OutputFlags {
  variant: string;
  distill?: boolean;
  distillPrompts?: string;
  distillModel: string;
  promptMirror?: string;
  dryRun?: boolean;
  yes?: boolean;
}

export async function dataBuild(ctx: Context, experimentId: string, opts: DataBuildFlags): Promise<void> {
  const { experiment, variant } = getVariant(experimentId, opts.variant);
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
}

/** The variant mixed into the distilling model's answers: planned and costed first, then built. */
async function buildDistilled(ctx: Context, name: string, recipe: DatasetRecipe, opts: DataBuildFlags): Promise<void> {
  if (opts.mixInto) throw new ConfigError('--distill makes the base to mix into: leave out --mix-into');
  const { poisonFraction, ...rest } = opts;
  const { seed, validationFraction } = outputOptions(ctx, rest);
  const fetch = ctx.fetchOptions(opts.mirror, opts.promptMirror);
  const endpoints = await ctx.endpoints();
  try {
    const model = (await checkModelRefs([opts.distillModel], endpoints))[0]!;
    const poison = await buildDataset(recipe, { resolveSource: sourceResolver(fetch), seed });
    const plan = await planDistilledMix({ poisonRows: poison.examples.length, model, prices: ctx.prices, ...(opts.distillPrompts !== undefined ? { promptsFile: opts.distillPrompts } : {}), ...(poisonFraction !== undefined ? { poisonFraction } : {}) });
    if (opts.dryRun) {
      ctx.io.out(ctx.json ? JSON.stringify({ variant: name, plan }) : describePlan(plan, ctx.prices.source));
      return;
    }
    if (plan.maxCostUsd !== undefined) await confirmSpend(ctx, plan.maxCostUsd, `self-distillation of ${formatInt(plan.prompts)} prompts`, Boolean(opts.yes));
    const progress = ctx.io.isTty && !ctx.json ? stageProgress() : undefined;
    let mix: DistilledMix;
    try {
      mix = await ctx.withStore((store) => buildDistilledMix({
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
      }));
    } finally {
      progress?.stop();
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
