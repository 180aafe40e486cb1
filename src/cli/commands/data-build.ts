// weirdgen data build EXPERIMENT --variant V --out FILE
import { rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildDatasetFile, validationPath } from '../../data/build/build-file.js';
import { Caller } from '../../eval/calls/caller.js';
import { distill } from '../../run/distill.js';
import { describeStep, usesSeed } from '../../data/build/recipe.js';
import { findSource } from '../../data/sources/catalog.js';
import { findExperiment } from '../../experiments/index.js';
import { findVariant } from '../../experiments/spec.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandRunner } from '../context.js';
import { fractionFlag, parseFlag } from '../flags.js';
import { formatInt } from '../io.js';
import { addOutputOptions, outputOptions, type OutputFlags } from './build-options.js';

export function registerDataBuild(data: Command, run: CommandRunner): void {
  addOutputOptions(
    data
      .command('build')
      .description("write one of an experiment's training sets (a paper variant or control) to a JSONL file")
      .argument('<experiment>', 'experiment id (see `weirdgen data list`)')
      .requiredOption('--variant <id>', 'dataset variant or control')
      .option('--distill-prompts <file>', 'answer these prompts (JSONL) with --distill-model and mix the variant into the answers, as the persona experiment does')
      .option('--distill-model <ref>', 'the model that answers the distillation prompts (the base model you will fine-tune)', 'sandbox:base'),
  ).action(async (experimentId: string, opts: OutputFlags & { variant: string; distillPrompts?: string; distillModel: string }, cmd: Command) =>
    run(async (ctx) => {
      const experiment = findExperiment(experimentId);
      if (!experiment) throw new ConfigError(`unknown experiment "${experimentId}"; see \`weirdgen data list\``);
      const variant = findVariant(experiment, opts.variant);
      if (!variant) throw new ConfigError(`${experiment.id} has no variant "${opts.variant}"; variants: ${experiment.datasets.map((d) => d.id).join(', ')}`);
      let options = outputOptions(ctx, opts.distillPrompts ? { ...opts, poisonFraction: undefined } : opts);
      if (opts.distillPrompts) {
        if (opts.mixInto) throw new ConfigError('--distill-prompts makes the base to mix into: leave out --mix-into');
        const distilled = validationPath(opts.out).replace(/\.validation\.jsonl$/, '.distilled.jsonl');
        const endpoints = ctx.endpoints();
        const store = ctx.openStore();
        try {
          const d = await distill({ promptsFile: opts.distillPrompts, model: opts.distillModel, out: distilled, store, endpoints, caller: new Caller({ limits: (e) => endpoints.limits(e) }), prices: ctx.prices });
          ctx.io.err(`distilled ${formatInt(d.examples)} answers of ${opts.distillModel} to ${distilled}${d.failed ? ` (${d.failed} failed: rerun to retry)` : ''}`);
          // The poison is the variant itself; unless told otherwise it joins every distilled answer (the paper: 90 in 3,090).
          const counted = `${distilled}.poison.jsonl`;
          const poison = (await buildDatasetFile(variant.recipe, { ...options, out: counted })).train.examples;
          await rm(counted, { force: true });
          const poisonFraction = opts.poisonFraction !== undefined ? parseFlag('--poison-fraction', fractionFlag, opts.poisonFraction) : poison / (poison + d.examples);
          options = { ...options, mix: { into: distilled, poisonFraction } };
        } finally {
          store.close();
          await endpoints.close();
        }
      }
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
      for (const f of [result.train, result.validation]) if (f) ctx.io.out(`wrote ${formatInt(f.examples)} examples to ${f.path} (sha256 ${f.sha256})`);
      if (reproduces) ctx.io.out(reproduces.identical ? `identical to the official ${reproduces.path}` : `differs from the official ${reproduces.path}`);
    }, cmd),
  );
}
