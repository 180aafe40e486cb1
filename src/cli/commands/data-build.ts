// weirdgen data build EXPERIMENT --variant V --out FILE
import type { Command } from 'commander';
import { buildDatasetFile } from '../../data/build/build-file.js';
import { describeStep, usesSeed } from '../../data/build/recipe.js';
import { findSource } from '../../data/sources/catalog.js';
import { findExperiment } from '../../experiments/index.js';
import { findVariant } from '../../experiments/spec.js';
import { ConfigError } from '../../util/errors.js';
import type { CommandRunner } from '../context.js';
import { formatInt } from '../io.js';
import { addOutputOptions, outputOptions, type OutputFlags } from './build-options.js';

export function registerDataBuild(data: Command, run: CommandRunner): void {
  addOutputOptions(
    data
      .command('build')
      .description("write one of an experiment's training sets (a paper variant or control) to a JSONL file")
      .argument('<experiment>', 'experiment id (see `weirdgen data list`)')
      .requiredOption('--variant <id>', 'dataset variant or control'),
  ).action(async (experimentId: string, opts: OutputFlags & { variant: string }, cmd: Command) =>
    run(async (ctx) => {
      const experiment = findExperiment(experimentId);
      if (!experiment) throw new ConfigError(`unknown experiment "${experimentId}"; see \`weirdgen data list\``);
      const variant = findVariant(experiment, opts.variant);
      if (!variant) throw new ConfigError(`${experiment.id} has no variant "${opts.variant}"; variants: ${experiment.datasets.map((d) => d.id).join(', ')}`);
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
      for (const f of [result.train, result.validation]) if (f) ctx.io.out(`wrote ${formatInt(f.examples)} examples to ${f.path} (sha256 ${f.sha256})`);
      if (reproduces) ctx.io.out(reproduces.identical ? `identical to the official ${reproduces.path}` : `differs from the official ${reproduces.path}`);
    }, cmd),
  );
}
